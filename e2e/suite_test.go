package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/wei-platform/wei/internal/locale"
)

// suite is what the scenarios of one browser test share. They run one
// after another, so the counters need no lock.
type suite struct {
	base      string
	browser   context.Context
	axeSource string
	loc       *locale.Bundle

	pages   int // pages checked with axe-core
	serious int // violations of serious or critical impact
	minor   int // violations of lower impact
	review  int // results axe-core could not decide
}

// totals adds up the suites of all browser tests for the summary line that
// TestMain prints. The tests run one after another (none calls t.Parallel),
// so it needs no lock.
var totals struct {
	suites                        int
	pages, serious, minor, review int
}

// TestMain runs the tests and then prints the summary of all browser
// tests, which .ci/run looks for: without it CI takes the browser suite as
// not run to the end.
func TestMain(m *testing.M) {
	code := m.Run()
	removeDemoTemplate()
	if totals.suites > 0 {
		fmt.Printf("browser suite: %d pages checked with axe-core, %d serious/critical violations (%d browser tests)\n",
			totals.pages, totals.serious, totals.suites)
		fmt.Printf("browser suite: %d violations of lower impact and %d results to review by hand (logged per page, not failing)\n",
			totals.minor, totals.review)
	}
	os.Exit(code)
}

// newSuite starts what a browser test needs: the demo server of its own
// and one headless Chromium. It skips the test unless WEI_E2E=1. When the
// test ends it logs the test's figures under name, adds them to the totals
// and fails the test when no page was checked with axe-core.
func newSuite(t *testing.T, name string) *suite {
	t.Helper()
	if os.Getenv("WEI_E2E") != "1" {
		t.Skip("browser suite: set WEI_E2E=1 to run it (needs Chromium: /usr/bin/chromium or $WEI_CHROMIUM)")
	}
	chromium := chromiumPath(t)
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := &suite{axeSource: loadAxe(t), loc: loc}
	s.base = startWEI(t)
	s.browser = startChromium(t, chromium)
	// Registered last, so it runs first: before the browser and the server stop.
	t.Cleanup(func() {
		t.Logf("%s: %d pages checked with axe-core, %d serious/critical violations; %d of lower impact and %d to review by hand (logged per page)",
			name, s.pages, s.serious, s.minor, s.review)
		totals.suites++
		totals.pages += s.pages
		totals.serious += s.serious
		totals.minor += s.minor
		totals.review += s.review
		if s.pages == 0 {
			t.Errorf("%s: no page was checked with axe-core", name)
		}
	})
	return s
}

// loggedIn opens a tab and logs in there as the demo role with the name,
// without axe-core on the login pages (TestBrowser checks those). It stops
// the test when the login fails.
func (s *suite) loggedIn(t *testing.T, name string) *tab {
	t.Helper()
	tb := s.newTab(t, false)
	if !tb.login(t, roleNamed(t, name), false) {
		t.FailNow()
	}
	return tb
}

// roleNamed returns the demo account of the role.
func roleNamed(t *testing.T, name string) role {
	t.Helper()
	for _, r := range roles {
		if r.name == name {
			return r
		}
	}
	t.Fatalf("no demo role %q", name)
	return role{}
}
