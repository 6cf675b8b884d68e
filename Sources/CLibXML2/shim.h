#ifndef DOSSIER_CLIBXML2_SHIM_H
#define DOSSIER_CLIBXML2_SHIM_H

// libxml2's error-tolerant HTML parser, the one lxml and the readability tools stand on.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with the copy inside Foundation. The ICU
// part of libxml2's API (converters inside an encoding handler) is not used here.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

// xmlFree is a global function pointer, which Swift cannot call safely from concurrent code.
static inline void dossier_xml_free(void *pointer) { xmlFree(pointer); }

#endif
