#!/usr/bin/env python3
"""embed.py - turn a text file (schema, taxonomy) into a C source defining one string.

Bytes outside printable ASCII (the Chinese patterns) are written as octal
escapes in a string literal, so the generated file compiles without
sign-conversion warnings.

Usage: embed.py INPUT OUTPUT SYMBOL
"""
import sys


def main():
    src, dst, symbol = sys.argv[1:4]
    data = open(src, 'rb').read()
    with open(dst, 'w') as out:
        out.write('/* generated from %s by tools/embed.py; do not edit */\n'
                  % src.split('/')[-1])
        out.write('const char %s[] =\n' % symbol)
        for i in range(0, len(data), 64):
            chunk = data[i:i + 64]
            text = ''.join(chr(b) if 32 <= b < 127 and b not in (34, 92, 63) else '\\%03o' % b
                           for b in chunk)
            out.write('  "%s"\n' % text)
        out.write('  ;\n')
        out.write('const unsigned long %s_len = %d;\n' % (symbol, len(data)))


if __name__ == '__main__':
    main()
