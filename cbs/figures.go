package cbs

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Value is one key figure. A figure CBS keeps secret or does not know
// (-99997, -99995, "." and the like in the files) has Known false and is
// shown empty.
type Value struct {
	Known bool
	Text  string // a decimal with '.' and no thousands separator: "1234", "4.5"
}

// Region is one row of the key figures: a gemeente, wijk or buurt.
type Region struct {
	Line   int
	Code   string // GM + 4, WK + 6 or BU + 8
	Name   string
	Values map[string]Value // by figure key, e.g. "a_inw"
}

// FiguresReader streams the key figures of wijken and buurten (Kerncijfers
// wijken en buurten, kwb-YYYY.csv): a code column (gwb_code_10 or gwb_code;
// Codering in the StatLine download) and one column per figure, named like
// a_inw, a_hh, bev_dich, g_woz, p_koopw. StatLine names such as
// AantalInwoners_5 are read as their kwb key. Decimals may use a comma.
type FiguresReader struct {
	t     *table
	code  int
	name  int
	keys  map[int]string // column → figure key
	order []string
}

// textColumns are the columns of the files that are not figures.
var textColumns = map[string]bool{
	"gwb_code_10": true, "gwb_code_8": true, "gwb_code": true, "regio": true, "gm_naam": true,
	"recs": true, "ind_wbi": true, "id": true, "wijkenenbuurten": true, "pst_mvp": true, "pst_dekp": true,
	"dek_perc": true, "gemeentenaam_1": true, "soortregio_2": true, "codering_3": true,
	"indelingswijzigingwijkenenbuurten_4": true, "meestvoorkomendepostcode_": true,
}

// statLineKeys maps the names of the StatLine table to kwb keys.
var statLineKeys = map[string]string{
	"aantalinwoners":                       "a_inw",
	"huishoudenstotaal":                    "a_hh",
	"gemiddeldehuishoudensgrootte":         "g_hhgro",
	"bevolkingsdichtheid":                  "bev_dich",
	"woningvoorraad":                       "a_woning",
	"gemiddeldewozwaardevanwoningen":       "g_woz",
	"koopwoningen":                         "p_koopw",
	"huurwoningentotaal":                   "p_huurw",
	"k_0tot15jaar":                         "a_00_14",
	"k_65jaarofouder":                      "a_65_oo",
	"gemiddeldinkomenperinwoner":           "g_ink_pi",
	"huishoudensonderofrondsociaalminimum": "p_hh_osm",
}

// keyAliases gives figures that changed name one key: since 2023 the
// average WOZ value is g_wozbag.
var keyAliases = map[string]string{"g_wozbag": "g_woz"}

// NewFiguresReader reads the header.
func NewFiguresReader(r io.Reader) (*FiguresReader, error) {
	t, err := openTable(r)
	if err != nil {
		return nil, err
	}
	f := &FiguresReader{t: t, keys: map[int]string{},
		code: t.column("gwb_code_10", "gwb_code", "codering_3", "codering*", "wijkenenbuurten"),
		name: t.column("regio", "gemeentenaam_1"),
	}
	if f.code < 0 {
		return nil, &FormatError{Line: 1, Reason: fmt.Sprintf("this is not a CBS key figures file: the header has no column gwb_code_10 or gwb_code (found: %s)", strings.Join(t.header, string(t.sep)))}
	}
	seen := map[string]bool{}
	for i, h := range t.header {
		if i == f.code || i == f.name || textColumns[h] || h == "" {
			continue
		}
		key := h
		if k := statLineKeys[strings.TrimRight(h, "_0123456789")]; k != "" {
			key = k
		}
		if k := keyAliases[key]; k != "" {
			key = k
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		f.keys[i] = key
		f.order = append(f.order, key)
	}
	if len(f.keys) == 0 {
		return nil, &FormatError{Line: 1, Reason: "this key figures file has no figure columns"}
	}
	return f, nil
}

// Keys lists the figure keys in the order of the file.
func (f *FiguresReader) Keys() []string { return f.order }

// Next returns the next region with a code of a gemeente, wijk or buurt;
// rows of other regions (the country, NL00) are passed over. io.EOF after
// the last row. A value that is neither a number nor a marker for "secret"
// or "unknown" is left out of Values: the files mix in text columns.
func (f *FiguresReader) Next() (Region, error) {
	for {
		rec, line, err := f.t.next()
		if err != nil {
			return Region{}, err
		}
		code := RegionCode(rec[f.code])
		if code == "" {
			continue
		}
		reg := Region{Line: line, Code: code, Values: make(map[string]Value, len(f.keys))}
		if f.name >= 0 {
			reg.Name = strings.TrimSpace(rec[f.name])
		}
		for i, key := range f.keys {
			if v, ok := ParseValue(rec[i]); ok {
				reg.Values[key] = v
			}
		}
		return reg, nil
	}
}

// ParseValue reads a key figure: "1234", "4,5", "4.5" and "-3" are numbers;
// "", ".", "x", "-", "?" and the CBS codes -99995 to -99999 (secret,
// unknown, not applicable) are a Value that is not Known. ok is false for
// anything else.
func ParseValue(s string) (v Value, ok bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "", ".", "x", "X", "-", "?":
		return Value{}, true
	}
	s = strings.Replace(s, ",", ".", 1)
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(digits, ".")
	if intPart == "" || !allDigits(intPart) || (hasFrac && (frac == "" || !allDigits(frac))) || len(digits) > 30 {
		return Value{}, false
	}
	if neg && !hasFrac {
		if n, err := strconv.Atoi(intPart); err == nil && n >= 99995 && n <= 99999 {
			return Value{}, true
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	text := intPart
	if frac != "" {
		text += "." + frac
	}
	if neg && text != "0" {
		text = "-" + text
	}
	return Value{Known: true, Text: text}, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
