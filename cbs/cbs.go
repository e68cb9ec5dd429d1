// Package cbs reads the open data of Statistics Netherlands (CBS) that WEI
// uses to place things in a buurt: the postcode-house-number file
// (pc6hnrYYYYMMDD_gwb.csv), the key figures of wijken and buurten
// (Kerncijfers wijken en buurten, CSV) and the buurt boundaries (GeoJSON,
// in RD New or WGS84). It also converts RD New to WGS84 and back, tells
// which buurt a point lies in, and keeps a compact in-memory address index.
//
// The package is pure Go: no database, no HTTP. internal/store keeps what
// it reads.
package cbs

import (
	"strings"
)

// Code kinds, by their two-letter prefix.
const (
	PrefixBuurt    = "BU"
	PrefixWijk     = "WK"
	PrefixGemeente = "GM"
)

// normCode normalises a CBS region code to prefix + width characters:
// "BU03630001", "3630001" and " bu03630001 " all become "BU03630001".
// Older files leave out the prefix and the leading zeros; newer codes may
// contain letters. It returns "" when s cannot be such a code, also when
// it carries the prefix of another level ("WK036300" is no buurt code).
// It runs for every row of an 8-million-row file, so it allocates once.
func normCode(s, prefix string, width int) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 {
		p := string([]byte{upper(s[0]), upper(s[1])})
		switch p {
		case prefix:
			s = s[2:]
		case PrefixBuurt, PrefixWijk, PrefixGemeente:
			return ""
		}
	}
	if s == "" || len(s) > width {
		return ""
	}
	var buf [12]byte
	copy(buf[:2], prefix)
	pad := width - len(s)
	for i := 0; i < pad; i++ {
		buf[2+i] = '0'
	}
	for i := 0; i < len(s); i++ {
		c := upper(s[i])
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return ""
		}
		buf[2+pad+i] = c
	}
	return string(buf[:2+width])
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// BuurtCode normalises a buurt code to "BU" + 8 characters, or returns "".
func BuurtCode(s string) string { return normCode(s, PrefixBuurt, 8) }

// WijkCode normalises a wijk code to "WK" + 6 characters, or returns "".
func WijkCode(s string) string { return normCode(s, PrefixWijk, 6) }

// GemeenteCode normalises a gemeente code to "GM" + 4 characters, or
// returns "".
func GemeenteCode(s string) string { return normCode(s, PrefixGemeente, 4) }

// RegionCode normalises a code of any level that carries its prefix (BU,
// WK or GM). Codes without a prefix are ambiguous and give "".
func RegionCode(s string) string {
	t := strings.ToUpper(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(t, PrefixBuurt):
		return BuurtCode(t)
	case strings.HasPrefix(t, PrefixWijk):
		return WijkCode(t)
	case strings.HasPrefix(t, PrefixGemeente):
		return GemeenteCode(t)
	}
	return ""
}

// GemeenteOf returns the gemeente code a normalised buurt or wijk code
// belongs to: the four characters after the prefix ("BU03630101" →
// "GM0363"). A gemeente code is returned as it is; anything else gives "".
func GemeenteOf(code string) string {
	switch {
	case len(code) == 10 && strings.HasPrefix(code, PrefixBuurt),
		len(code) == 8 && strings.HasPrefix(code, PrefixWijk):
		return PrefixGemeente + code[2:6]
	case len(code) == 6 && strings.HasPrefix(code, PrefixGemeente):
		return code
	}
	return ""
}

// Postcode normalises a Dutch postcode to "1234AB": spaces are dropped and
// letters upper-cased. It returns "" when s is not four digits (the first
// not 0) followed by two letters.
func Postcode(s string) string {
	var b [6]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' {
			continue
		}
		if n == 6 {
			return ""
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[n] = c
		n++
	}
	if n != 6 || b[0] < '1' || b[0] > '9' {
		return ""
	}
	for i := 1; i < 4; i++ {
		if b[i] < '0' || b[i] > '9' {
			return ""
		}
	}
	for i := 4; i < 6; i++ {
		if b[i] < 'A' || b[i] > 'Z' {
			return ""
		}
	}
	return string(b[:])
}

// FormatPostcode writes a normalised postcode the Dutch way: "1234 AB".
func FormatPostcode(pc string) string {
	if len(pc) != 6 {
		return pc
	}
	return pc[:4] + " " + pc[4:]
}
