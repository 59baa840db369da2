/* input_file.h - a fuzz input written to a file, for code that reads paths
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Writes DATA (SIZE bytes) to this process's temporary file named after
 * NAME ("fuzz_pdf.pdf"), removed at exit, and returns its path (owned
 * here, the same every call). Aborts when it cannot be written. */
const char *rsk_fuzz_input_file(const char *name, const uint8_t *data, size_t size);
