#ifndef DOSSIER_CLIBZ_SHIM_H
#define DOSSIER_CLIBZ_SHIM_H

#include <zlib.h>

#endif
