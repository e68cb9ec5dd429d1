package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A minimal XLSX (Office Open XML spreadsheet) writer: sheets of text and
// numbers, a bold header row that stays in view, and amounts shown with
// two decimals. Text is written inline, so there is no shared-string table;
// numbers are numeric cells, so a spreadsheet can add them up.

// Cell is one cell of a sheet: text, or a number.
type Cell struct {
	Text     string
	Number   string // a decimal number in plain notation, "-1234.56"; used when IsNumber
	IsNumber bool
	// Decimals of a number, for its display: 2 shows "1,234.56" (in the
	// reader's own notation); other values show the number as it is.
	Decimals int
}

// TextCell is a cell of text.
func TextCell(s string) Cell { return Cell{Text: s} }

// IntCell is a cell with a whole number.
func IntCell(n int64) Cell { return Cell{Number: strconv.FormatInt(n, 10), IsNumber: true} }

// AmountCell is a cell with an amount in an asset's smallest unit: cents
// become euros with two decimals.
func AmountCell(amount int64, decimals int) Cell {
	return Cell{Number: FormatAmount(amount, decimals, false), IsNumber: true, Decimals: decimals}
}

// Sheet is one worksheet.
type Sheet struct {
	Name   string   // at most 31 characters, none of []:*?/\
	Header []string // the first row, in bold; none when empty
	Rows   [][]Cell
}

var numberRe = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// WriteXLSX writes the sheets as one workbook.
func WriteXLSX(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("ledger: xlsx: no sheets")
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		n := strings.ToLower(s.Name)
		if s.Name == "" || len([]rune(s.Name)) > 31 || strings.ContainsAny(s.Name, `[]:*?/\`) || seen[n] {
			return fmt.Errorf("ledger: xlsx: bad or repeated sheet name %q", s.Name)
		}
		seen[n] = true
	}
	z := zip.NewWriter(w)
	// A fixed time, so that the same books give the same file.
	stamp := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(name, body string) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, xml.Header+body)
		return err
	}
	const (
		nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
		nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
		nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
		ctMain = "application/vnd.openxmlformats-officedocument.spreadsheetml"
	)
	var ct, wb, rels strings.Builder
	ct.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctMain + `.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctMain + `.styles+xml"/>`)
	wb.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
	rels.WriteString(`<Relationships xmlns="` + nsPkg + `">`)
	for i, s := range sheets {
		n := strconv.Itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="` + ctMain + `.worksheet+xml"/>`)
		wb.WriteString(`<sheet name="` + escape(s.Name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`<Relationship Id="rId` + strconv.Itoa(len(sheets)+1) + `" Type="` + nsRel + `/styles" Target="styles.xml"/></Relationships>`)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", stylesXML},
	}
	for _, p := range parts {
		if err := add(p.name, p.body); err != nil {
			return fmt.Errorf("ledger: xlsx: %s: %w", p.name, err)
		}
	}
	for i, s := range sheets {
		body, err := sheetXML(s)
		if err != nil {
			return err
		}
		if err := add("xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml", body); err != nil {
			return fmt.Errorf("ledger: xlsx: sheet %s: %w", s.Name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("ledger: xlsx: %w", err)
	}
	return nil
}

// Styles: 0 plain, 1 bold (the header), 2 a number with two decimals
// (built-in format 4, "#,##0.00").
const stylesXML = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

func sheetXML(s Sheet) (string, error) {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	rows := s.Rows
	if len(s.Header) > 0 {
		// Keep the header in view while scrolling.
		b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
		head := make([]Cell, len(s.Header))
		for i, h := range s.Header {
			head[i] = TextCell(h)
		}
		rows = append([][]Cell{head}, rows...)
	}
	b.WriteString(`<sheetData>`)
	for i, row := range rows {
		r := strconv.Itoa(i + 1)
		b.WriteString(`<row r="` + r + `">`)
		for j, c := range row {
			ref := ColumnName(j) + r
			switch {
			case c.IsNumber:
				if !numberRe.MatchString(c.Number) {
					return "", fmt.Errorf("ledger: xlsx: sheet %s cell %s: %q is not a number", s.Name, ref, c.Number)
				}
				style := ""
				if c.Decimals == 2 {
					style = ` s="2"`
				}
				b.WriteString(`<c r="` + ref + `"` + style + `><v>` + c.Number + `</v></c>`)
			default:
				style := ""
				if i == 0 && len(s.Header) > 0 {
					style = ` s="1"`
				}
				b.WriteString(`<c r="` + ref + `" t="inlineStr"` + style + `><is><t xml:space="preserve">` + escape(c.Text) + `</t></is></c>`)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String(), nil
}

// ColumnName is the letter name of the column at index i: 0 is A, 26 is AA.
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// escape makes text safe for XML; characters XML cannot hold become U+FFFD.
func escape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writing to a bytes.Buffer does not fail
	return b.String()
}
