package cli

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

func TestImportCBS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "wei.db")
	if _, err := run(t, "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := wijk.Wijk{Slug: "burgwallen", Name: "Burgwallen", CBSCode: "WK036300", CBSYear: 2023, Municipality: "Amsterdam"}
	if err := s.CreateWijk(ctx, &w); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"BU03630000", "BU03630001"} {
		b := wijk.Buurt{WijkID: w.ID, Name: code, CBSCode: code, CBSYear: 2023}
		if err := s.CreateBuurt(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	fixture := func(name string) string { return filepath.Join("..", "..", "cbs", "testdata", name) }

	out, err := run(t, "", "import", "cbs", "--db", db, "--kind", "postcodes", fixture("pc6hnr20230801_gwb.csv"))
	if err != nil {
		t.Fatalf("import postcodes: %v", err)
	}
	for _, want := range []string{"pc6hnr20230801_gwb.csv: postcodes of 2023 for GM0363", "read 5 rows: kept 4, other gemeenten 1, duplicates 0, rejected 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	out, err = run(t, "", "import", "cbs", "--db", db, "--kind", "buurten", fixture("buurten_2023_rd.geojson"))
	if err != nil || !strings.Contains(out, "read 3 features: kept 2, other gemeenten 1") {
		t.Errorf("import buurten: %q, %v", out, err)
	}
	out, err = run(t, "", "import", "cbs", "--db", db, "--kind", "kerncijfers", "--year", "2023", fixture("kwb-2023.csv"))
	if err != nil || !strings.Contains(out, "kerncijfers of 2023") || !strings.Contains(out, "kept 4") {
		t.Errorf("import kerncijfers: %q, %v", out, err)
	}

	// A zip as CBS publishes it, with rejected rows listed by line.
	zipPath := filepath.Join(dir, "2019-cbs-pc6huisnr20190801_buurt.zip")
	zf, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for name, body := range map[string]string{
		"Toelichting.txt": "toelichting",
		"2019-cbs-pc6huisnr20190801_buurt/pc6hnr20190801_gwb.csv": "PC6;Huisnummer;Buurt2019\n1012AB;9;3630000\n1012A;1;3630000\n",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	out, err = run(t, "", "import", "cbs", "--db", db, "--kind", "postcodes", zipPath)
	if err != nil || !strings.Contains(out, "kept 1") || !strings.Contains(out, `line 3: "1012A" is not a postcode`) {
		t.Errorf("import zip: %q, %v", out, err)
	}
	s, err = store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if code, err := s.LookupAddress(ctx, "1012 ab", 9); err != nil || code != "BU03630000" {
		t.Errorf("LookupAddress after the zip import=%q, %v", code, err)
	}

	bad := filepath.Join(dir, "buurten_2023.geojson")
	if err := os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"buurtcode":"BU03630000"},"geometry":null}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		args     []string
		wantExit int
		want     string
	}{
		{"no kind", []string{fixture("kwb-2023.csv")}, 2, "--kind"},
		{"unknown kind", []string{"--kind", "gemeenten", fixture("kwb-2023.csv")}, 2, "--kind"},
		{"bad year", []string{"--kind", "kerncijfers", "--year", "23", fixture("kwb-2023.csv")}, 2, "--year 23"},
		{"missing file", []string{"--kind", "postcodes", filepath.Join(dir, "nope.csv")}, 1, "cannot read"},
		{"wrong kind of file", []string{"--kind", "postcodes", fixture("kwb-2023.csv")}, 1, "not a CBS postcode-house-number file"},
		{"malformed geojson", []string{"--kind", "buurten", bad}, 1, "feature 1: buurt BU03630000 has no geometry; nothing was imported"},
	} {
		_, err := run(t, "", append([]string{"import", "cbs", "--db", db}, tt.args...)...)
		if err == nil || ExitCode(err) != tt.wantExit || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "wei error") {
			t.Errorf("%s: err=%v (exit %d), want exit %d and %q", tt.name, err, ExitCode(err), tt.wantExit, tt.want)
		}
	}
	if shapes, err := s.BuurtShapes(ctx, w.ID); err != nil || len(shapes) != 2 {
		t.Errorf("after the refused import: %d shapes, %v; want the 2 imported before", len(shapes), err)
	}
}
