package bank

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReasonKeysKnown checks that every key the parsers give a reason
// (because("key", ...)) has an English text, and that every text is used.
func TestReasonKeysKnown(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`because\("([a-z0-9_]+)"`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			used[m[1]] = true
			if ReasonFormat(m[1]) == "" {
				t.Errorf("%s: reason %q has no English text", f, m[1])
			}
		}
	}
	if len(used) < 40 {
		t.Fatalf("found %d reason keys in the source: is the scan broken?", len(used))
	}
	for _, k := range ReasonKeys() {
		if !used[k] {
			t.Errorf("reason %q is never given", k)
		}
	}
}

func TestReasonString(t *testing.T) {
	t.Parallel()
	var none *Reason
	for _, tc := range []struct {
		r    *Reason
		want string
	}{
		{none, ""},
		{because("amount_zero"), "the amount is zero"},
		{because("date_missing", because("field_booking_date")), "the booking date is missing"},
		{because("in_statement", because("statement_id", 2, "ST-2"), because("camt_unbalanced", Cents(150000), Cents(-1250), Cents(148750))),
			"statement 2 (ST-2): the opening balance 1500.00 EUR plus the booked entries (-12.50 EUR) does not equal the closing balance 1487.50 EUR"},
		{&Reason{Key: "no_such_key"}, "no_such_key"},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("String()=%q, want %q", got, tc.want)
		}
	}
}
