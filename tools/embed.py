#!/usr/bin/env python3
"""embed.py - turn a text file into a C source defining one string constant.

Usage: embed.py INPUT OUTPUT SYMBOL
"""
import sys

def main():
    src, dst, symbol = sys.argv[1:4]
    data = open(src, 'rb').read()
    with open(dst, 'w') as out:
        out.write('/* generated from %s by tools/embed.py; do not edit */\n' % src.split('/')[-1])
        out.write('const char %s[] = {\n' % symbol)
        for i in range(0, len(data), 16):
            out.write(''.join('%d,' % b for b in data[i:i + 16]) + '\n')
        out.write('0};\n')
        out.write('const unsigned long %s_len = %d;\n' % (symbol, len(data)))

if __name__ == '__main__':
    main()
