/* version.h - koyu's version string. */
#ifndef KOYU_VERSION_H
#define KOYU_VERSION_H

#define KOYU_VERSION "0.1.0"

#endif
