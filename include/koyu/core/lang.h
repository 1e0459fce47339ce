/*
 * lang.h - the languages koyu writes for people: Japanese by default,
 * English with --lang en.
 */
#ifndef KOYU_LANG_H
#define KOYU_LANG_H

enum koyu_lang { KOYU_LANG_JA = 0, KOYU_LANG_EN };

#endif
