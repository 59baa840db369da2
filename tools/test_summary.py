#!/usr/bin/env python3
"""test_summary.py - one closing line for a meson test run.

Reads BUILD_DIR/meson-logs/testlog.json and prints the CMocka test cases
passed, failed and skipped over all suites, as "N passed, N failed, N
skipped", so a CI log ends with a count of what ran.

Usage: test_summary.py BUILD_DIR [LABEL]
"""
import json
import sys


def main():
    build, label = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else 'tests')
    passed = failed = skipped = 0
    with open(build + '/meson-logs/testlog.json') as log:
        for line in log:
            result = json.loads(line)
            out = result.get('stdout') or ''
            lines = out.splitlines()
            cases_ok = sum(l.startswith('[       OK ]') for l in lines)
            cases_failed = sum(l.startswith('[  FAILED  ]') and 'test(s)' not in l
                               for l in lines)
            cases_skipped = sum(l.startswith('[  SKIPPED ]') and 'test(s)' not in l
                                for l in lines)
            if cases_ok + cases_failed + cases_skipped == 0:
                # Not a CMocka program (a shell test): count it as one case.
                status = result.get('result')
                cases_ok = status == 'OK'
                cases_skipped = status == 'SKIP'
                cases_failed = not (cases_ok or cases_skipped)
            passed += cases_ok
            failed += cases_failed
            skipped += cases_skipped
    print('%s: %d passed, %d failed, %d skipped' % (label, passed, failed, skipped))


if __name__ == '__main__':
    main()
