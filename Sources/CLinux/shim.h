// Linux headers that Glibc's module leaves out.
#ifndef DOSSIER_CLINUX_SHIM_H
#define DOSSIER_CLINUX_SHIM_H
#ifdef __linux__
#include <sys/xattr.h>
#endif
#endif
