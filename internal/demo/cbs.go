package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io"

	"github.com/wei-platform/wei/internal/store"
)

// The CBS data of the demo wijk, in the formats of the real files: the
// boundaries of the four buurten in RD New (made up, in a polder east of
// Utrecht; Molenkwartier has a hole for the park "Sluispark-eiland", which
// is the second polygon of Sluispark), key figures in the kwb format (with
// a secret WOZ value) and a postcode-house-number table. Each file also has
// a row of another fictional gemeente (GM0998), which the import leaves out.

//go:embed testdata/cbs
var cbsFiles embed.FS

// demoAddresses are the addresses of the demo postcode table: house numbers
// 1 to 40 of each postcode. Use them to place a demo signal or visit.
var demoAddresses = []struct {
	Postcode string
	Buurt    string // CBS code
}{
	{"3999 AA", "BU09990101"}, {"3999 AB", "BU09990101"}, // Akkerhof
	{"3999 AC", "BU09990102"}, {"3999 AD", "BU09990102"}, // Blauwe Weide
	{"3999 AE", "BU09990103"}, {"3999 AF", "BU09990103"}, // Molenkwartier
	{"3999 AG", "BU0999010A"}, {"3999 AH", "BU0999010A"}, // Sluispark
}

// seedCBS imports the demo CBS files through the store, as `wei import
// cbs` would.
func seedCBS(ctx context.Context, s *store.Store) error {
	for _, f := range []struct {
		name string
		load func(context.Context, string, io.Reader, int) (store.CBSReport, error)
	}{
		{"buurten_2025.geojson", s.ImportCBSShapes},
		{"kwb-2025.csv", s.ImportCBSFigures},
		{"pc6hnr20250801_gwb.csv", s.ImportCBSPostcodes},
	} {
		data, err := cbsFiles.ReadFile("testdata/cbs/" + f.name)
		if err != nil {
			return fmt.Errorf("cbs: %w", err)
		}
		if _, err := f.load(ctx, f.name, bytes.NewReader(data), cbsYear); err != nil {
			return fmt.Errorf("cbs %s: %w", f.name, err)
		}
	}
	return nil
}
