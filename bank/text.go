package bank

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// toUTF8 returns data as UTF-8 text with Unix line endings. It drops a
// byte-order mark, decodes UTF-16 when a UTF-16 byte-order mark says so, and
// decodes Windows-1252 (what Dutch banks use when they do not use UTF-8) when
// charset names it or when data is not valid UTF-8.
func toUTF8(data []byte, charset string) string {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s = decodeUTF8OrCP1252(data[3:], charset)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s = decodeUTF16(data[2:], true)
	default:
		s = decodeUTF8OrCP1252(data, charset)
	}
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

func decodeUTF8OrCP1252(data []byte, charset string) string {
	switch strings.ToLower(charset) {
	case "iso-8859-1", "iso-8859-15", "latin1", "latin-1", "windows-1252", "cp1252":
		return decodeCP1252(data)
	}
	if utf8.Valid(data) {
		return string(data)
	}
	return decodeCP1252(data)
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252 to Unicode; the other
// bytes above 0x7F are the same as in ISO 8859-1. The five unassigned bytes
// map to the C1 control of the same value, as in the WHATWG encoding standard.
var cp1252 = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

func decodeCP1252(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func decodeUTF16(data []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if bigEndian {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u))
}

// collapse trims s and replaces every run of white space by one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// firstNonEmptyLine returns the first line of s that is not blank.
func firstNonEmptyLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(line) != "" {
			return line
		}
	}
	return ""
}
