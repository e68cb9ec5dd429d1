package bank

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixture reads a file from testdata.
func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// day returns the UTC midnight of a YYYY-MM-DD date.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// weakKeys checks that lines with WeakKey have a well-formed content-hash
// key and replaces it by "weak", so that expected lines can be written out.
func weakKeys(tb testing.TB, lines []Line) []Line {
	tb.Helper()
	out := make([]Line, len(lines))
	for i, l := range lines {
		if l.WeakKey {
			if !strings.HasPrefix(l.DedupKey, "weak:") || len(l.DedupKey) != len("weak:")+32 {
				tb.Errorf("line %d: DedupKey=%q, want weak:<32 hex digits>", l.LineNo, l.DedupKey)
			}
			l.DedupKey = "weak"
		}
		out[i] = l
	}
	return out
}

// checkRefused edits doc (the first old becomes new), parses it with parse
// and checks that no line comes out and the errors are want: the shared
// body of the parsers' bad-input tables.
func checkRefused(t *testing.T, parse func([]byte) (Statement, error), doc, old, new string, want []LineError) {
	t.Helper()
	edited := strings.Replace(doc, old, new, 1)
	if edited == doc {
		t.Fatalf("the edit %q did not apply", old)
	}
	st, err := parse([]byte(edited))
	if len(st.Lines) != 0 {
		t.Errorf("got %d lines, want none", len(st.Lines))
	}
	if diff := cmp.Diff(want, parseErrors(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// parseErrors returns the LineErrors of err, failing when err is not a
// *ParseError or when a reason's key and arguments (Why) do not give its
// English text. Why is left out of what it returns, so that expected
// errors can be written as LineNo and Reason.
func parseErrors(tb testing.TB, err error) []LineError {
	tb.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		tb.Fatalf("err=%v (%T), want *ParseError", err, err)
	}
	out := make([]LineError, len(pe.Errors))
	for i, le := range pe.Errors {
		checkWhy(tb, le)
		out[i] = LineError{LineNo: le.LineNo, Reason: le.Reason}
	}
	return out
}

// checkWhy checks that a LineError's Why is a known key whose English
// text is its Reason, and so is every reason inside it.
func checkWhy(tb testing.TB, le LineError) {
	tb.Helper()
	if le.Why == nil {
		tb.Errorf("entry %d: %q has no Why", le.LineNo, le.Reason)
		return
	}
	if got := le.Why.String(); got != le.Reason {
		tb.Errorf("entry %d: Why.String()=%q, want %q", le.LineNo, got, le.Reason)
	}
	var walk func(r *Reason)
	walk = func(r *Reason) {
		if ReasonFormat(r.Key) == "" {
			tb.Errorf("entry %d: unknown reason key %q", le.LineNo, r.Key)
		}
		for _, a := range r.Args {
			switch v := a.(type) {
			case *Reason:
				walk(v)
			case string, int, Cents:
			default:
				tb.Errorf("entry %d: reason %q has an argument of type %T", le.LineNo, r.Key, v)
			}
		}
	}
	walk(le.Why)
}

// goodFixtures are the fixtures that parse, with their format.
var goodFixtures = map[string]Format{
	"camt053_v02.xml":     FormatCAMT053,
	"camt053_v08.xml":     FormatCAMT053,
	"mt940_ing.sta":       FormatMT940,
	"mt940_rabobank.sta":  FormatMT940,
	"ing.csv":             FormatINGCSV,
	"ing_comma.csv":       FormatINGCSV,
	"rabobank.csv":        FormatRabobankCSV,
	"rabobank_cp1252.csv": FormatRabobankCSV,
	"abnamro.tab":         FormatABNAMROTab,
}

// badFixtures are the fixtures that are recognised but refused.
var badFixtures = map[string]Format{
	"camt053_truncated.xml":  FormatCAMT053,
	"camt053_unbalanced.xml": FormatCAMT053,
	"camt053_usd.xml":        FormatCAMT053,
	"mt940_truncated.sta":    FormatMT940,
	"ing_bad.csv":            FormatINGCSV,
	"empty.csv":              FormatINGCSV,
	"abnamro_usd.tab":        FormatABNAMROTab,
}

func TestDetect(t *testing.T) {
	t.Parallel()
	all := map[string]Format{}
	for k, v := range goodFixtures {
		all[k] = v
	}
	for k, v := range badFixtures {
		all[k] = v
	}
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(all) {
		t.Errorf("testdata has %d fixtures, the tests know %d: add new fixtures to goodFixtures or badFixtures", len(files), len(all))
	}
	for name, want := range all {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// A misleading name must not matter: detection is by content.
			got, err := Detect("statement.bin", fixture(t, name))
			if err != nil || got != want {
				t.Errorf("Detect=%q, %v, want %q", got, err, want)
			}
		})
	}
}

func TestDetectRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, content, want string
	}{
		{"empty", "x.csv", "", "the file has no entries"},
		{"blank", "x.csv", " \r\n\t\n", "the file has no entries"},
		{"camt052", "x.xml", `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>`, "not a CAMT.053"},
		{"camt053 v11", "x.xml", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.11"/>`, "version"},
		{"other xml", "x.xml", `<html><body>hello</body></html>`, "not a CAMT.053"},
		{"named xml", "statement.xml", "hello", "named like XML"},
		{"named sta", "statement.STA", ":20:X\n", "named like MT940"},
		{"named csv", "export.csv", "a;b;c\n1;2;3\n", "not that of an ING or Rabobank export"},
		{"unknown", "x.pdf", "%PDF-1.4", "not a bank statement WEI can read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := Detect(tt.file, []byte(tt.content))
			if f != "" || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Detect=%q, %v, want error containing %q", f, err, tt.want)
			}
			if _, err := Parse(tt.file, []byte(tt.content)); err == nil {
				t.Errorf("Parse succeeded, want error")
			}
		})
	}
}

// TestParseDispatch checks that Parse reads every good fixture as the
// format-specific parser does.
func TestParseDispatch(t *testing.T) {
	t.Parallel()
	for name, f := range goodFixtures {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data := fixture(t, name)
			got, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != f {
				t.Errorf("Format=%q, want %q", got.Format, f)
			}
			var want Statement
			switch f {
			case FormatCAMT053:
				want, err = ParseCAMT053(data)
			case FormatMT940:
				want, err = ParseMT940(data)
			default:
				want, err = ParseCSV(data)
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse differs from the format's parser (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBadFixtures checks the all-or-nothing rule on the broken fixtures:
// no lines, and a ParseError naming each bad entry with a plain reason.
func TestBadFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []LineError
	}{
		{"camt053_truncated.xml", []LineError{
			{LineNo: 0, Reason: "the file is incomplete (the XML ends too early): line 129: unexpected EOF"},
		}},
		{"camt053_unbalanced.xml", []LineError{
			{LineNo: 0, Reason: "statement 1 (RABO-20240301-NL44RABO0123456789): the opening balance 1500.00 EUR plus the booked entries (334.50 EUR) does not equal the closing balance 1843.50 EUR"},
		}},
		{"camt053_usd.xml", []LineError{
			{LineNo: 0, Reason: "statement 1 (ING-20240305-USD-0001): only EUR statements are supported (the account is in USD)"},
			{LineNo: 1, Reason: "only EUR statements are supported (this amount is in USD)"},
		}},
		{"mt940_truncated.sta", []LineError{
			{LineNo: 0, Reason: "the file is incomplete: statement 2 has no closing balance (:62F:)"},
		}},
		{"ing_bad.csv", []LineError{
			{LineNo: 2, Reason: `the amount "23,875" has more than 2 decimals`},
			{LineNo: 3, Reason: `the amount "-200,00" has a sign, but the Af Bij column (Af) already gives the direction`},
			{LineNo: 4, Reason: "the counterparty IBAN NL37RABO0300065264 is not valid (its check digits are wrong)"},
			{LineNo: 5, Reason: `the date "20240230" does not exist`},
			{LineNo: 6, Reason: "the row has 8 columns instead of 11 (is the file cut off or edited?)"},
		}},
		{"empty.csv", []LineError{
			{LineNo: 0, Reason: "the file has no entries"},
		}},
		{"abnamro_usd.tab", []LineError{
			{LineNo: 2, Reason: `only EUR statements are supported (this line is in "USD")`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			st, err := Parse(tt.file, fixture(t, tt.file))
			if len(st.Lines) != 0 || st.Account != "" {
				t.Errorf("Parse returned a partial statement with %d lines", len(st.Lines))
			}
			if diff := cmp.Diff(tt.want, parseErrors(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	t.Parallel()
	err := &ParseError{Format: FormatINGCSV, Errors: []LineError{
		{LineNo: 0, Reason: "the file has no entries"},
		{LineNo: 3, Reason: "the amount is zero"},
	}}
	want := "csv-ing: the file has no entries; entry 3: the amount is zero"
	if got := err.Error(); got != want {
		t.Errorf("Error()=%q, want %q", got, want)
	}
	if got := (&ParseError{Errors: []LineError{{LineNo: 0, Reason: "x"}}}).Error(); got != "bank statement: x" {
		t.Errorf("Error()=%q, want %q", got, "bank statement: x")
	}
}

// TestDedupKeysStable checks that parsing the same file twice gives the
// same keys, and that no two lines of all fixtures share a key.
func TestDedupKeysStable(t *testing.T) {
	t.Parallel()
	owner := map[string]string{}
	for name := range goodFixtures {
		data := fixture(t, name)
		a, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(name, append([]byte(nil), data...))
		if err != nil {
			t.Fatal(err)
		}
		for i := range a.Lines {
			if a.Lines[i].DedupKey != b.Lines[i].DedupKey {
				t.Errorf("%s line %d: DedupKey=%q, then %q", name, a.Lines[i].LineNo, a.Lines[i].DedupKey, b.Lines[i].DedupKey)
			}
		}
		for _, l := range a.Lines {
			if l.DedupKey == "" {
				t.Errorf("%s line %d: empty DedupKey", name, l.LineNo)
			}
			if name == "mt940_ing.sta" {
				continue // the same transactions as camt053_v08.xml: see TestDedupKeysAcrossFormats
			}
			if prev, dup := owner[l.DedupKey]; dup {
				t.Errorf("%s line %d: DedupKey %q also belongs to %s", name, l.LineNo, l.DedupKey, prev)
			}
			owner[l.DedupKey] = name
		}
	}
}

// TestDedupKeysAcrossFormats checks that the MT940 and CAMT.053 exports of
// the same ING transactions give the same keys wherever the MT940 line has an
// end-to-end id or a bank reference that the CAMT.053 file also has. The
// batch entry does not match: MT940 books it as one line, CAMT.053 as one
// line per transaction, each with its own end-to-end id.
func TestDedupKeysAcrossFormats(t *testing.T) {
	t.Parallel()
	camt, err := ParseCAMT053(fixture(t, "camt053_v08.xml"))
	if err != nil {
		t.Fatal(err)
	}
	mt, err := ParseMT940(fixture(t, "mt940_ing.sta"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, l := range camt.Lines {
		keys[l.DedupKey] = true
	}
	var matched []string
	for _, l := range mt.Lines {
		if keys[l.DedupKey] {
			matched = append(matched, l.DedupKey)
		}
	}
	want := []string{
		"e2e:NL20INGB0001234567:FONDS-2024-0311:25000",
		"ref:NL20INGB0001234567:ING240304000002",
		"e2e:NL20INGB0001234567:TIKKIE-8842:1500",
	}
	if diff := cmp.Diff(want, matched); diff != "" {
		t.Errorf("MT940 keys found in the CAMT.053 file (-want +got):\n%s", diff)
	}
}

func TestDedupKeyRules(t *testing.T) {
	t.Parallel()
	base := Line{Account: "NL20INGB0001234567", BookingDate: day("2024-03-01"), AmountCents: -950, Description: "Kosten"}
	withE2E := base
	withE2E.EndToEndID, withE2E.BankRef = "E2E-1", "REF-1"
	withRef := base
	withRef.BankRef = "REF-1"
	batch := base
	batch.BankRef = "REF-1"
	lines := finish([]pending{{Line: withE2E}, {Line: withRef}, {Line: base}, {Line: base}, {Line: batch, keyRef: "REF-1#2"}})
	want := []string{
		"e2e:NL20INGB0001234567:E2E-1:-950",
		"ref:NL20INGB0001234567:REF-1",
		"weak",
		"weak",
		"ref:NL20INGB0001234567:REF-1#2",
	}
	var got []string
	for _, l := range weakKeys(t, lines) {
		got = append(got, l.DedupKey)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if lines[2].DedupKey == lines[3].DedupKey {
		t.Errorf("two identical lines without references share the key %q; want the occurrence index to tell them apart", lines[2].DedupKey)
	}
	if !lines[2].WeakKey || lines[0].WeakKey || lines[1].WeakKey {
		t.Errorf("WeakKey=%v,%v,%v, want false,false,true", lines[0].WeakKey, lines[1].WeakKey, lines[2].WeakKey)
	}
	// The weak key is built from content: another date gives another key.
	other := base
	other.BookingDate = day("2024-03-02")
	if k := finish([]pending{{Line: other}})[0].DedupKey; k == lines[2].DedupKey {
		t.Errorf("weak key ignores the booking date")
	}
}

// TestWeakKeyFixture checks that a line without any reference in a fixture
// gets a weak key and a referenced one does not.
func TestWeakKeyFixture(t *testing.T) {
	t.Parallel()
	st, err := ParseMT940(fixture(t, "mt940_rabobank.sta"))
	if err != nil {
		t.Fatal(err)
	}
	if l := st.Lines[0]; !l.WeakKey || l.BankRef != "" || l.EndToEndID != "" {
		t.Errorf("interest line: WeakKey=%v BankRef=%q EndToEndID=%q, want a weak key and no references", l.WeakKey, l.BankRef, l.EndToEndID)
	}
	if l := st.Lines[1]; l.WeakKey {
		t.Errorf("referenced line: WeakKey=true, want false")
	}
}

func TestEuro(t *testing.T) {
	t.Parallel()
	for cents, want := range map[int64]string{0: "0.00 EUR", 5: "0.05 EUR", -1234: "-12.34 EUR", 100000: "1000.00 EUR"} {
		if got := euro(cents); got != want {
			t.Errorf("euro(%d)=%q, want %q", cents, got, want)
		}
	}
}
