package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// xlsxCell is a cell as read back from a sheet's XML.
type xlsxCell struct {
	Ref    string `xml:"r,attr"`
	Type   string `xml:"t,attr"`
	Style  string `xml:"s,attr"`
	Value  string `xml:"v"`
	Inline string `xml:"is>t"`
}

type xlsxSheet struct {
	Rows []struct {
		R     string     `xml:"r,attr"`
		Cells []xlsxCell `xml:"c"`
	} `xml:"sheetData>row"`
}

// unzipXLSX reads every part of a workbook, failing on a part that is not
// well-formed XML.
func unzipXLSX(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		parts[f.Name] = b
	}
	return parts
}

// cellsOf maps cell references to their values: the text, or the number.
func cellsOf(t testing.TB, data []byte) (map[string]string, map[string]xlsxCell) {
	t.Helper()
	var s xlsxSheet
	if err := xml.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	vals, cells := map[string]string{}, map[string]xlsxCell{}
	for _, r := range s.Rows {
		for _, c := range r.Cells {
			cells[c.Ref] = c
			if c.Type == "inlineStr" {
				vals[c.Ref] = c.Inline
			} else {
				vals[c.Ref] = c.Value
			}
		}
	}
	return vals, cells
}

func TestWriteXLSX(t *testing.T) {
	t.Parallel()
	sheets := []Sheet{
		{Name: "Transacties", Header: []string{"Datum", "Bedrag", "Omschrijving"}, Rows: [][]Cell{
			{TextCell("2025-03-01"), AmountCell(-123456, 2), TextCell("Zaden & <potgrond>")},
			{TextCell("2025-03-02"), AmountCell(5, 2), TextCell("  spaties  ")},
		}},
		{Name: "Tweede", Rows: [][]Cell{{IntCell(42), TextCell("bel\x07")}}},
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sheets); err != nil {
		t.Fatal(err)
	}
	parts := unzipXLSX(t, buf.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml"} {
		if parts[name] == nil {
			t.Errorf("workbook lacks %s", name)
		}
	}
	ct := string(parts["[Content_Types].xml"])
	for _, want := range []string{`PartName="/xl/workbook.xml"`, `PartName="/xl/worksheets/sheet2.xml"`, `PartName="/xl/styles.xml"`} {
		if !strings.Contains(ct, want) {
			t.Errorf("[Content_Types].xml lacks %s", want)
		}
	}
	wb := string(parts["xl/workbook.xml"])
	if !strings.Contains(wb, `name="Transacties" sheetId="1" r:id="rId1"`) || !strings.Contains(wb, `name="Tweede" sheetId="2" r:id="rId2"`) {
		t.Errorf("workbook.xml: %s", wb)
	}
	if rels := string(parts["xl/_rels/workbook.xml.rels"]); !strings.Contains(rels, `Id="rId3"`) || !strings.Contains(rels, `Target="styles.xml"`) {
		t.Errorf("workbook.xml.rels: %s", rels)
	}
	vals, cells := cellsOf(t, parts["xl/worksheets/sheet1.xml"])
	want := map[string]string{
		"A1": "Datum", "B1": "Bedrag", "C1": "Omschrijving",
		"A2": "2025-03-01", "B2": "-1234.56", "C2": "Zaden & <potgrond>",
		"A3": "2025-03-02", "B3": "0.05", "C3": "  spaties  ",
	}
	if diff := cmp.Diff(want, vals); diff != "" {
		t.Errorf("sheet1 cells (-want +got):\n%s", diff)
	}
	if c := cells["A1"]; c.Style != "1" || c.Type != "inlineStr" {
		t.Errorf("header cell %+v, want bold inline text", c)
	}
	if c := cells["B2"]; c.Type != "" || c.Style != "2" {
		t.Errorf("amount cell %+v, want a number with two decimals", c)
	}
	vals, cells = cellsOf(t, parts["xl/worksheets/sheet2.xml"])
	if vals["A1"] != "42" || cells["A1"].Type != "" || cells["A1"].Style != "" {
		t.Errorf("sheet2 A1=%+v", cells["A1"])
	}
	if vals["B1"] != "bel\uFFFD" {
		t.Errorf("sheet2 B1=%q, want the control character replaced", vals["B1"])
	}
	// The same input gives the same file.
	var again bytes.Buffer
	if err := WriteXLSX(&again, sheets); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("second write differs (err=%v)", err)
	}
}

func TestWriteXLSXRefuses(t *testing.T) {
	t.Parallel()
	for name, sheets := range map[string][]Sheet{
		"no sheets":     nil,
		"empty name":    {{Name: ""}},
		"long name":     {{Name: strings.Repeat("x", 32)}},
		"bad character": {{Name: "a/b"}},
		"repeated":      {{Name: "Balans"}, {Name: "balans"}},
		"not a number":  {{Name: "x", Rows: [][]Cell{{{Number: "1e5", IsNumber: true}}}}},
	} {
		if err := WriteXLSX(io.Discard, sheets); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestColumnName(t *testing.T) {
	t.Parallel()
	for i, want := range map[int]string{0: "A", 7: "H", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d)=%q, want %q", i, got, want)
		}
	}
}
