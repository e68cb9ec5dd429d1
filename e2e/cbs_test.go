package e2e

import (
	"strings"
	"testing"
	"time"
)

// The CBS pages of the demo wijk.
const (
	mapPath     = demoWijk + "/kaart"
	profilePath = demoWijk + "/profiel"
)

// demoBuurten are the buurten of the demo wijk, in the order of their code.
var demoBuurten = []string{"Akkerhof", "Blauwe Weide", "Molenkwartier", "Sluispark"}

// TestCBS walks the map and the wijk profile of the demo wijk in the
// browser, on a demo server of its own: as a visitor with JavaScript the
// map becomes a Leaflet map of the four buurten (over the PDOK tiles when
// they load; the shapes and the table either way), without JavaScript the
// same buurten are an SVG drawing, and both come with the table of counts
// per buurt. The profile shows the demo's CBS key figures, with the secret
// WOZ value of Sluispark empty. Every page is checked with axe-core, also
// with Leaflet running.
//
//	WEI_E2E=1 go test -count=1 -v -run TestCBS ./e2e/
func TestCBS(t *testing.T) {
	s := newSuite(t, "cbs")

	t.Run("kaart", s.cbsMap)
	t.Run("kaart-zonder-javascript", s.cbsMapNoJS)
	t.Run("profiel", s.cbsProfile)
}

func (s *suite) cbsMap(t *testing.T) {
	tb := s.newTab(t, false)
	tb.check(t, "kaart", tb.open(mapPath), expect{status: 200, path: mapPath, axe: true, checks: []func(*testing.T){
		func(t *testing.T) { tb.heading1(s.loc.For(tb.lang()).T("cbs.map.heading", "Blauwe Akker"))(t) },
		tb.buurtTable,
		func(t *testing.T) {
			// Leaflet takes over from the SVG drawing once the GeoJSON is in.
			n, err := waitFor[int](tb, `document.querySelectorAll('#cbs-leaflet.leaflet-container .leaflet-overlay-pane path').length`,
				func(n int) bool { return n == len(demoBuurten) })
			if err != nil || n != len(demoBuurten) {
				t.Fatalf("Leaflet drew %d buurten (%v), want %d", n, err, len(demoBuurten))
			}
			svgHidden, _ := eval[bool](tb, `document.getElementById('cbs-svg').hidden`)
			if !svgHidden {
				t.Error("the SVG drawing is still shown next to the Leaflet map")
			}
			// The map can be reached with the keyboard: Leaflet makes the
			// container focusable and moves it with the arrow keys.
			tabIndex, _ := eval[int](tb, `document.getElementById('cbs-leaflet').tabIndex`)
			if tabIndex != 0 {
				t.Errorf("the Leaflet map has tabIndex %d, want 0", tabIndex)
			}
		},
	}})
}

func (s *suite) cbsMapNoJS(t *testing.T) {
	tb := s.newTab(t, true)
	tb.check(t, "kaart", tb.open(mapPath), expect{status: 200, path: mapPath, checks: []func(*testing.T){
		tb.buurtTable,
		func(t *testing.T) {
			titles, err := eval[[]string](tb, `[...document.querySelectorAll('#cbs-svg svg path > title')].map(t => t.textContent)`)
			if err != nil || len(titles) != len(demoBuurten) {
				t.Fatalf("the SVG drawing has %d buurten (%v), want %d", len(titles), err, len(demoBuurten))
			}
			for i, name := range demoBuurten {
				if !strings.HasPrefix(titles[i], name+": ") {
					t.Errorf("buurt %d of the drawing is %q, want %s with its count", i, titles[i], name)
				}
			}
			visible, _ := eval[bool](tb, `(() => { const r = document.querySelector('#cbs-svg svg').getBoundingClientRect(); return r.width > 300 && r.height > 100; })()`)
			if !visible {
				t.Error("the SVG drawing is not shown")
			}
			if hidden, _ := eval[bool](tb, `document.getElementById('cbs-leaflet').hidden`); !hidden {
				t.Error("the empty Leaflet container is shown without JavaScript")
			}
		},
		// axe-core is a script: let scripts run again for it only. The page
		// keeps the DOM it got without JavaScript, since its own scripts
		// were skipped when it loaded.
		func(t *testing.T) {
			if err := tb.scripts(true); err != nil {
				t.Fatal(err)
			}
			defer tb.scripts(false)
			tb.axe(t, mapPath+" (without JavaScript)")
		},
	}})
}

func (s *suite) cbsProfile(t *testing.T) {
	tb := s.newTab(t, false)
	if !tb.page(t, "kaart", mapPath) {
		t.FailNow()
	}
	tb.check(t, "profiel", tb.follow(`main a[href="`+profilePath+`"]`), expect{status: 200, path: profilePath, axe: true, checks: []func(*testing.T){
		func(t *testing.T) { tb.heading1(s.loc.For(tb.lang()).T("cbs.profile.heading", "Blauwe Akker"))(t) },
		func(t *testing.T) { tb.shows("Kerncijfers wijken en buurten 2025")(t); tb.shows("kwb-2025.csv")(t) },
		func(t *testing.T) {
			l := s.loc.For(tb.lang())
			rows, err := eval[[][]string](tb, `[...document.querySelectorAll('main table tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))`)
			if err != nil {
				t.Fatal(err)
			}
			head, _ := eval[[]string](tb, `[...document.querySelectorAll('main table thead th')].map(c => c.textContent.trim())`)
			col := func(key string) int {
				want := l.T(key)
				for i, h := range head {
					if h == want {
						return i
					}
				}
				t.Fatalf("no column %q in %q", want, head)
				return -1
			}
			inw, woz := col("cbs.figure.a_inw"), col("cbs.figure.g_woz")
			got := map[string][2]string{}
			for _, r := range rows {
				name, _, _ := strings.Cut(r[0], " (")
				got[name] = [2]string{r[inw], r[woz]}
			}
			// The demo's kwb-2025.csv: Akkerhof 1920 residents and a WOZ
			// value of 268; Sluispark's WOZ value is secret (-99997).
			for name, want := range map[string][2]string{"Akkerhof": {"1920", "268"}, "Sluispark": {"760", ""}, "Blauwe Akker": {"6240", "254"}, "Lindenwaard": {"48210", "318"}} {
				want[0] = l.Number(int64(count(t, want[0])))
				if got[name] != want {
					t.Errorf("%s: residents, WOZ = %q, want %q", name, got[name], want)
				}
			}
		},
	}})
}

// buurtTable checks the table of signals per buurt: every demo buurt with a
// count of 0 or at least 5, or "fewer than 5".
func (tb *tab) buurtTable(t *testing.T) {
	t.Helper()
	l := tb.s.loc.For(tb.lang())
	suffix := strings.TrimPrefix(l.T("cbs.count.signals", "#"), "#")
	{
		rows, err := eval[[][]string](tb, `[...document.querySelectorAll('main table tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))`)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(demoBuurten) {
			t.Fatalf("the table has %d rows, want the %d buurten", len(rows), len(demoBuurten))
		}
		hidden := l.T("cbs.count.hidden")
		for i, r := range rows {
			if r[0] != demoBuurten[i] {
				t.Errorf("row %d is %q, want %s", i, r[0], demoBuurten[i])
			}
			c := r[len(r)-1]
			if c == hidden {
				continue
			}
			if !strings.HasSuffix(c, suffix) {
				t.Errorf("%s: count %q, want a number of signals or %q", r[0], c, hidden)
			} else if n := count(t, strings.TrimSuffix(c, suffix)); n > 0 && n < 5 {
				t.Errorf("%s: a count under 5 is shown: %q", r[0], c)
			}
		}
	}
}

// waitFor evaluates expr until ok accepts its value or the page timeout
// passes, and returns the last value.
func waitFor[T any](tb *tab, expr string, ok func(T) bool) (T, error) {
	deadline := time.Now().Add(pageTimeout)
	for {
		v, err := eval[T](tb, expr)
		if (err == nil && ok(v)) || time.Now().After(deadline) {
			return v, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}
