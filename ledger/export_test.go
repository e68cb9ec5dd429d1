package ledger

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	txs, accounts := reportBooks()
	txs[1].Description = "=HYPERLINK(\"x\")"
	assets := []Asset{{Code: EUR, Decimals: 2}, {Code: Time}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, txs, accounts, assets); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "date,seq,description,category,account,asset,amount,hash" {
		t.Errorf("header=%v", rows[0])
	}
	if len(rows) != 1+2*len(txs) {
		t.Fatalf("%d rows, want one per posting (%d)", len(rows)-1, 2*len(txs))
	}
	if got := strings.Join(rows[3], "|"); got != "2025-01-10|2|'=HYPERLINK(\"x\")|subsidie|Bank|EUR|5000.00|" {
		t.Errorf("row 3=%s", got)
	}
	if got := rows[20][5] + " " + rows[20][6]; got != "MIN -90" {
		t.Errorf("time posting=%q", got)
	}
	unknown := []Transaction{{Seq: 1, Postings: []Posting{{AccountID: "nope", Asset: EUR, Amount: 1}}}}
	if err := WriteCSV(&buf, unknown, accounts, assets); err == nil {
		t.Error("unknown account: no error")
	}
}

func TestWorkbook(t *testing.T) {
	t.Parallel()
	txs, accounts := reportBooks()
	assets := []Asset{{Code: EUR, Decimals: 2}, {Code: Time}}
	end := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	sheets, err := Workbook(txs, accounts, assets, totalsOf(txs, accounts, time.Time{}, end), totalsOf(txs, accounts, periodFrom, end))
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 3 || sheets[0].Name != "Transacties" || sheets[1].Name != "Balans" || sheets[2].Name != "Resultaat" {
		t.Fatalf("sheets=%v", sheets)
	}
	if n := len(sheets[0].Rows); n != 2*len(txs) {
		t.Errorf("Transacties has %d rows, want %d", n, 2*len(txs))
	}
	find := func(s Sheet, label string) []Cell {
		for _, r := range s.Rows {
			if r[0].Text == EUR && r[1].Text == label {
				return r
			}
		}
		t.Fatalf("%s has no EUR row %q", s.Name, label)
		return nil
	}
	for _, r := range sheets[1].Rows {
		if r[2].Text == "Tijdbank:Ria" && r[3].Text != "" {
			t.Errorf("the time account of a resident is named %q in the workbook", r[3].Text)
		}
	}
	if r := find(sheets[1], "Totaal"); r[4].Number != "-550.50" {
		t.Errorf("Balans total=%s, want -550.50", r[4].Number)
	}
	if r := find(sheets[2], "Totaal uitgaven"); r[4].Number != "650.50" {
		t.Errorf("Resultaat expenses=%s, want 650.50", r[4].Number)
	}
	if r := find(sheets[2], "Resultaat"); r[4].Number != "-550.50" {
		t.Errorf("Resultaat=%s, want -550.50", r[4].Number)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sheets); err != nil {
		t.Fatal(err)
	}
	unzipXLSX(t, buf.Bytes())
}
