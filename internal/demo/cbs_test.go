package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wei-platform/wei/cbs"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// TestSeedCBS loads the demo's CBS files into a wijk with the demo's
// buurten: every demo address lies in its buurt, the boundaries put the
// point in Molenkwartier's hole in Sluispark, and the other gemeente's rows
// are left out.
func TestSeedCBS(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	w := wijk.Wijk{Slug: Slug, Name: wijkName, CBSCode: wijkCode, CBSYear: cbsYear, Municipality: municipality}
	if err := s.CreateWijk(ctx, &w); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, b := range buurtSpecs {
		bu := wijk.Buurt{WijkID: w.ID, Name: b.name, CBSCode: b.code, CBSYear: cbsYear}
		if err := s.CreateBuurt(ctx, &bu); err != nil {
			t.Fatal(err)
		}
		ids[b.name] = bu.ID
	}
	if err := seedCBS(ctx, s); err != nil {
		t.Fatal(err)
	}
	for _, a := range demoAddresses {
		for _, n := range []int{1, 40} {
			if got, err := s.LookupAddress(ctx, a.Postcode, n); err != nil || got != a.Buurt {
				t.Errorf("LookupAddress(%s, %d)=%q, %v; want %s", a.Postcode, n, got, err, a.Buurt)
			}
		}
	}
	if _, err := s.LookupAddress(ctx, "3998 ZZ", 1); err == nil {
		t.Error("the address of the other gemeente was imported")
	}
	shapes, err := s.BuurtShapes(ctx, w.ID)
	if err != nil || len(shapes) != len(buurtSpecs) {
		t.Fatalf("BuurtShapes=%d, %v; want %d", len(shapes), err, len(buurtSpecs))
	}
	for _, c := range []struct {
		x, y float64
		want string
	}{{150200, 450900, "Akkerhof"}, {151200, 450900, "Blauwe Weide"}, {150200, 450100, "Molenkwartier"}, {150400, 450300, "Sluispark"}, {151200, 450200, "Sluispark"}} {
		p := cbs.RDToWGS84(c.x, c.y)
		if got, err := s.BuurtAt(ctx, w.ID, p.Lon, p.Lat); err != nil || got != ids[c.want] {
			t.Errorf("BuurtAt(RD %v, %v)=%q, %v; want %s", c.x, c.y, got, err, c.want)
		}
	}
	f, err := s.RegionFigures(ctx, []string{wijkCode, "BU0999010A", "GM0998"})
	if err != nil || f.Year != cbsYear || f.Value(wijkCode, "a_inw").Text != "6240" || f.Value("BU0999010A", "g_woz").Known || len(f.Values["GM0998"]) != 0 {
		t.Errorf("figures %+v, %v", f, err)
	}
}
