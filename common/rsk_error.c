/* rsk_error.c - the riskscope GError domain
 *
 * SPDX-License-Identifier: MIT
 */
#include "rsk_error.h"

G_DEFINE_QUARK(riskscope-error-quark, rsk_error)
