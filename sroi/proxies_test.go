package sroi

import (
	"strings"
	"testing"
)

// TestDefaultProxies guards the default library: every proxy is valid
// (so it has a source and a year), IDs are unique, and a derived or
// secondary figure says so in its note.
func TestDefaultProxies(t *testing.T) {
	t.Parallel()
	ps := DefaultProxies()
	if len(ps) < 15 || len(ps) > 25 {
		t.Errorf("%d default proxies, want 15 to 25", len(ps))
	}
	ids := map[string]bool{}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v (%v)", p.ID, err, fieldsOf(err))
		}
		if p.ID == "" || ids[p.ID] {
			t.Errorf("proxy ID %q is empty or repeated", p.ID)
		}
		ids[p.ID] = true
		if !strings.HasPrefix(p.URL, "https://") {
			t.Errorf("%s: URL %q is not an https address", p.ID, p.URL)
		}
		if strings.Contains(strings.ToLower(p.Note), "afgeleid") && !strings.Contains(p.Note, "/") && !strings.Contains(p.Note, "%") && !strings.Contains(p.Note, "×") {
			t.Errorf("%s: derived, but the note does not show the arithmetic: %q", p.ID, p.Note)
		}
	}
	// The library is a fresh copy each time: editing one wijk's copy
	// changes no other.
	ps[0].Value = 1
	if DefaultProxies()[0].Value == 1 {
		t.Error("DefaultProxies returns a shared slice")
	}
	// The hourly proxy and the default hourly rate agree.
	if ps := DefaultProxies(); ps[0].ID != "wml-uur" || ps[0].Value != DefaultHourlyRate {
		t.Errorf("first proxy %s at %d, want wml-uur at DefaultHourlyRate", ps[0].ID, ps[0].Value)
	}
}
