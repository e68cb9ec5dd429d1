package cbs

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Address is one row of the postcode-house-number file: the buurt, wijk and
// gemeente an address lies in.
type Address struct {
	Line         int
	Postcode     string // 1234AB
	Number       int
	BuurtCode    string // BU + 8
	WijkCode     string // WK + 6, empty when the file has no wijk column
	GemeenteCode string // GM + 4
}

// PostcodeReader streams the CBS postcode-house-number file
// (pc6hnrYYYYMMDD_gwb.csv, about 8 million rows): columns PC6, Huisnummer,
// BuurtYYYY, WijkYYYY and GemeenteYYYY (the year in the name changes; some
// years call them Buurtcode and so on). The separator is ';' in some years
// and ',' in others, and older files write codes as bare numbers without
// the BU/WK/GM prefix and leading zeros (3630101 for BU03630101): the
// reader detects the one and normalises the other.
type PostcodeReader struct {
	t                  *table
	pc, nr, bu, wk, gm int
	year               int
}

// NewPostcodeReader reads the header. It returns a *FormatError when the
// file does not look like a postcode-house-number file.
func NewPostcodeReader(r io.Reader) (*PostcodeReader, error) {
	t, err := openTable(r)
	if err != nil {
		return nil, err
	}
	p := &PostcodeReader{t: t,
		pc: t.column("pc6", "postcode"),
		nr: t.column("huisnummer", "huisnr", "huisnr_num"),
		bu: t.column("buurt*", "bu_code"),
		wk: t.column("wijk*", "wk_code"),
		gm: t.column("gemeente*", "gm_code"),
	}
	var missing []string
	if p.pc < 0 {
		missing = append(missing, "PC6")
	}
	if p.nr < 0 {
		missing = append(missing, "Huisnummer")
	}
	if p.bu < 0 {
		missing = append(missing, "Buurt (e.g. Buurt2023)")
	}
	if len(missing) > 0 {
		return nil, &FormatError{Line: 1, Reason: fmt.Sprintf("this is not a CBS postcode-house-number file: the header has no column %s (found: %s)",
			strings.Join(missing, ", "), strings.Join(t.header, string(t.sep)))}
	}
	p.year = yearIn(t.header[p.bu])
	return p, nil
}

// Year is the year in the name of the buurt column (Buurt2023 → 2023), or 0.
func (p *PostcodeReader) Year() int { return p.year }

// Separator is the field separator the reader detected.
func (p *PostcodeReader) Separator() rune { return p.t.sep }

// Next returns the next address, io.EOF after the last. A row with a bad
// value gives a *RowError and reading can go on; a broken file (a quote not
// closed, a row with the wrong number of fields) gives a *FormatError and
// reading must stop.
func (p *PostcodeReader) Next() (Address, error) {
	rec, line, err := p.t.next()
	if err != nil {
		return Address{}, err
	}
	a := Address{Line: line}
	if a.Postcode = Postcode(rec[p.pc]); a.Postcode == "" {
		return Address{}, &RowError{Line: line, Reason: fmt.Sprintf("%q is not a postcode (4 digits and 2 letters)", rec[p.pc])}
	}
	n, err := strconv.Atoi(strings.TrimSpace(rec[p.nr]))
	if err != nil || n < 1 || n > 99999 {
		return Address{}, &RowError{Line: line, Reason: fmt.Sprintf("%q is not a house number", rec[p.nr])}
	}
	a.Number = n
	if a.BuurtCode = BuurtCode(rec[p.bu]); a.BuurtCode == "" {
		return Address{}, &RowError{Line: line, Reason: fmt.Sprintf("%q is not a buurt code", rec[p.bu])}
	}
	if p.wk >= 0 {
		a.WijkCode = WijkCode(rec[p.wk])
	}
	if p.gm >= 0 {
		a.GemeenteCode = GemeenteCode(rec[p.gm])
	}
	if a.GemeenteCode == "" {
		a.GemeenteCode = GemeenteOf(a.BuurtCode)
	}
	return a, nil
}

// yearIn returns the first four-digit year from 1900 to 2199 in s, or 0.
func yearIn(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			continue
		}
		if y, err := strconv.Atoi(s[i : i+4]); err == nil && y >= 1900 && y < 2200 {
			return y
		}
	}
	return 0
}

// YearIn returns the year in a file name such as pc6hnr20230801_gwb.csv or
// kwb-2023.csv, or 0.
func YearIn(name string) int { return yearIn(name) }
