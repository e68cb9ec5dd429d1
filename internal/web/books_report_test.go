package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestBooksReportNav: the report page carries the books sub-menu with
// itself as the current page, on every state of the page (books, no
// books, a refused choice), and the menu offers each user only the books
// pages they may use.
func TestBooksReportNav(t *testing.T) {
	const (
		current = `href="/w/test-wijk/boekhouding/rapport" aria-current="page"`
		bank    = `href="/w/test-wijk/boekhouding/bank"`
	)
	nav := `<nav aria-label="` + nl(t, "books.subnav.label") + `">`
	f := newBooksFixture(t)
	for _, tc := range []struct {
		name, who, target string
		status            int
		bank              bool // the menu leads to the bank page
	}{
		{"treasurer", "penningmeester", "/w/test-wijk/boekhouding/rapport", http.StatusOK, true},
		{"chair", "voorzitter", "/w/test-wijk/boekhouding/rapport", http.StatusOK, false},
		{"refused year", "penningmeester", "/w/test-wijk/boekhouding/rapport?year=twee", http.StatusBadRequest, true},
	} {
		body := f.page(tc.status, http.MethodGet, tc.target, tc.who, nil)
		for _, want := range []string{nav, current, `href="/w/test-wijk/boekhouding"`, `href="/w/test-wijk/declaraties"`, `href="/w/test-wijk/boekhouding/lm3"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the report page lacks %q", tc.name, want)
			}
		}
		if got := strings.Contains(body, bank); got != tc.bank {
			t.Errorf("%s: the menu leads to the bank page: %v, want %v", tc.name, got, tc.bank)
		}
		if strings.Index(body, nav) > strings.Index(body, "<h1") {
			t.Errorf("%s: the menu comes after the heading, not before it as on the other books pages", tc.name)
		}
	}

	// A wijk without books: the page says so, and the menu is there.
	empty := newFixture(t)
	body := empty.page(http.StatusOK, http.MethodGet, "/w/test-wijk/boekhouding/rapport", "penningmeester", nil)
	if !strings.Contains(body, nl(t, "books.report.empty")) || !strings.Contains(body, current) {
		t.Error("the report of a wijk without books lacks its empty state or the books menu")
	}
}
