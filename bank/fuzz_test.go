package bank

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkParsed asserts what must hold for any input: an error is a
// *ParseError with at least one reason and comes with no lines; a
// statement has lines with a non-zero amount, a booking date, a valid
// account and a key, and balances that add up.
func checkParsed(t *testing.T, st Statement, err error, again func() (Statement, error)) {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) || len(pe.Errors) == 0 {
			t.Fatalf("err=%v (%T), want a *ParseError with reasons", err, err)
		}
		for _, le := range pe.Errors {
			if le.Reason == "" || le.LineNo < 0 {
				t.Fatalf("LineError %+v: want a reason and LineNo >= 0", le)
			}
			checkWhy(t, le)
		}
		if len(st.Lines) != 0 {
			t.Fatalf("error with %d lines, want none", len(st.Lines))
		}
		return
	}
	if len(st.Lines) == 0 {
		t.Fatal("no error and no lines")
	}
	var sum int64
	for _, l := range st.Lines {
		if l.AmountCents == 0 {
			t.Fatalf("line %d: AmountCents=0", l.LineNo)
		}
		if l.BookingDate.IsZero() {
			t.Fatalf("line %d: zero BookingDate", l.LineNo)
		}
		if l.LineNo < 1 || l.Currency != "EUR" || !ValidIBAN(l.Account) || l.DedupKey == "" {
			t.Fatalf("line %+v: want LineNo >= 1, EUR, a valid account and a key", l)
		}
		if l.CounterIBAN != "" && !ValidIBAN(l.CounterIBAN) {
			t.Fatalf("line %d: CounterIBAN=%q is not valid", l.LineNo, l.CounterIBAN)
		}
		sum += l.AmountCents
	}
	if st.HasBalances && st.OpeningCents+sum != st.ClosingCents {
		t.Fatalf("opening %d + lines %d != closing %d", st.OpeningCents, sum, st.ClosingCents)
	}
	st2, err2 := again()
	if err2 != nil {
		t.Fatalf("second parse failed: %v", err2)
	}
	if diff := cmp.Diff(st, st2); diff != "" {
		t.Fatalf("second parse differs (-first +second):\n%s", diff)
	}
}

func FuzzParseCAMT053(f *testing.F) {
	for _, name := range []string{"camt053_v02.xml", "camt053_v08.xml", "camt053_truncated.xml", "camt053_unbalanced.xml", "camt053_usd.xml"} {
		f.Add(fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseCAMT053(data)
		checkParsed(t, st, err, func() (Statement, error) { return ParseCAMT053(data) })
	})
}

func FuzzParseMT940(f *testing.F) {
	for _, name := range []string{"mt940_ing.sta", "mt940_rabobank.sta", "mt940_truncated.sta"} {
		f.Add(fixture(f, name))
	}
	f.Add([]byte(abnMT940))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseMT940(data)
		checkParsed(t, st, err, func() (Statement, error) { return ParseMT940(data) })
	})
}

func FuzzParseCSV(f *testing.F) {
	for _, name := range []string{"ing.csv", "ing_comma.csv", "rabobank.csv", "rabobank_cp1252.csv", "abnamro.tab", "ing_bad.csv", "empty.csv", "abnamro_usd.tab"} {
		f.Add(fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseCSV(data)
		checkParsed(t, st, err, func() (Statement, error) { return ParseCSV(data) })
		// Parse (detect, then parse) agrees for CSV input.
		if f, derr := Detect("x", data); derr == nil && f != FormatCAMT053 && f != FormatMT940 {
			st2, err2 := Parse("x", data)
			if (err == nil) != (err2 == nil) || (err == nil && !cmp.Equal(st, st2)) {
				t.Fatalf("Parse and ParseCSV disagree: %v / %v", err, err2)
			}
		}
	})
}
