package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// TestExportLedger exports the demo wijk's books after `wei demo`, with
// one transaction of its own on top, in every format; hledger, when
// installed, must reproduce the balances.
func TestExportLedger(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	if _, err := run(t, "", "demo", "--db", db); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.WijkBySlug(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureChart(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	bank, err1 := s.AccountByCode(ctx, w.ID, store.CodeBank, ledger.EUR)
	world, err2 := s.AccountByCode(ctx, w.ID, store.CodeWorld, ledger.EUR)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	_, _, err = s.Post(ctx, ledger.Transaction{WijkID: w.ID, On: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Description: "Opbrengst rommelmarkt export-test",
		Category: "verkoop", IdempotencyKey: "cli-export-test", Postings: []ledger.Posting{
			{AccountID: bank.ID, Asset: ledger.EUR, Amount: 12_345}, {AccountID: world.ID, Asset: ledger.EUR, Amount: -12_345}}})
	if err != nil {
		t.Fatal(err)
	}
	totals, err := s.AccountTotals(ctx, w.ID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	assets, err := s.Assets(ctx, w.ID)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	dec := map[string]int{} // decimals per asset: euros in cents, the local currency as the wijk set it
	for _, a := range assets {
		dec[a.Code] = a.Decimals
	}

	journal := filepath.Join(t.TempDir(), "export.journal")
	out, err := run(t, "", "export", "ledger", "--db", db, "--wijk", demo.Slug, "--format", "hledger", "-o", journal)
	if err != nil || !strings.Contains(out, journal) {
		t.Fatalf("export hledger: %q, %v", out, err)
	}
	data, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "; "+w.Name+"\n") || !strings.Contains(string(data), "Opbrengst rommelmarkt export-test") {
		t.Fatalf("journal:\n%.600s", data)
	}
	if fi, err := os.Stat(journal); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode=%v, %v; want 0600", fi.Mode().Perm(), err)
	}
	if bin, err := exec.LookPath("hledger"); err == nil {
		got, err := exec.Command(bin, "-f", journal, "bal", "--flat", "--no-total", "-O", "csv").CombinedOutput()
		if err != nil {
			t.Fatalf("hledger: %v\n%s", err, got)
		}
		rows, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		hl := map[string]string{}
		for _, r := range rows[1:] {
			hl[r[0]] = strings.ReplaceAll(r[1], ",", "")
		}
		n := 0
		for _, at := range totals {
			if at.Total == 0 {
				continue
			}
			n++
			if want := ledger.FormatAmount(at.Total, dec[at.Asset], false) + " " + at.Asset; hl[at.Code] != want {
				t.Errorf("%s: hledger %q, WEI %q", at.Code, hl[at.Code], want)
			}
		}
		if n != len(hl) {
			t.Errorf("hledger lists %d accounts, WEI %d", len(hl), n)
		}
	}

	// CSV on standard output: one row per posting.
	out, err = run(t, "", "export", "ledger", "--db", db, "--wijk", demo.Slug, "--format", "csv", "--from", "2025-06-01", "--to", "2025-06-01")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 3 || rows[0][0] != "date" {
		t.Fatalf("csv: %v %q", err, out)
	}
	var found int
	for _, r := range rows[1:] {
		if r[2] == "Opbrengst rommelmarkt export-test" && (r[6] == "123.45" || r[6] == "-123.45") {
			found++
		}
	}
	if found != 2 {
		t.Errorf("csv has %d rows of the test transaction, want 2", found)
	}

	xlsx := filepath.Join(t.TempDir(), "boeken.xlsx")
	if _, err := run(t, "", "export", "ledger", "--db", db, "--wijk", demo.Slug, "--format", "xlsx", "-o", xlsx); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(xlsx)
	if err != nil {
		t.Fatalf("xlsx is no zip: %v", err)
	}
	zr.Close()

	for _, args := range [][]string{
		{"export"},
		{"export", "ledger", "--db", db, "--wijk", demo.Slug, "--format", "pdf"},
		{"export", "ledger", "--db", db, "--format", "csv"},
		{"export", "ledger", "--db", db, "--wijk", demo.Slug, "--format", "csv", "--from", "1-1-2025"},
		{"export", "ledger", "--db", db, "--wijk", demo.Slug, "--format", "csv", "--from", "2025-02-01", "--to", "2025-01-01"},
	} {
		if _, err := run(t, "", args...); ExitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, ExitCode(err), err)
		}
	}
	if _, err := run(t, "", "export", "ledger", "--db", db, "--wijk", "bestaat-niet", "--format", "csv"); err == nil || !strings.Contains(err.Error(), "bestaat-niet") {
		t.Errorf("unknown wijk: %v", err)
	}
}
