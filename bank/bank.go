// Package bank reads the bank statements a wijk treasurer downloads from
// internet banking: CAMT.053 (ISO 20022 XML, versions .001.02 to .001.10),
// SWIFT MT940 as ING, Rabobank and ABN AMRO export it, and the CSV/TXT
// exports of ING, Rabobank and ABN AMRO.
//
// Every parser is all-or-nothing: a file with one malformed entry yields no
// Statement at all but a *ParseError that lists every rejected entry with a
// reason in plain words, so the import report can show them and nothing is
// half-imported. The package does no I/O and knows nothing of the ledger; the
// importer maps Lines to ledger accounts and uses Line.DedupKey to skip lines
// it has seen before.
package bank

import (
	"fmt"
	"strings"
	"time"
)

// Line is one booked entry of a bank statement.
type Line struct {
	LineNo      int       // 1-based position in the file's entries (for the import report)
	Account     string    // our IBAN (the statement's account), normalised
	BookingDate time.Time // date only, UTC midnight
	ValueDate   time.Time // zero if absent
	AmountCents int64     // signed: credit (money in) > 0, debit (money out) < 0
	Currency    string    // always "EUR": other currencies are rejected
	CounterIBAN string    // normalised, may be ""
	CounterName string
	Description string // remittance info / omschrijving, whitespace-collapsed
	BankRef     string // the bank's own reference of the entry, may be ""
	EndToEndID  string // the payer's end-to-end id; "NOTPROVIDED" becomes ""
	DedupKey    string // see dedupKey
	WeakKey     bool   // DedupKey is a content hash: the file had no reference for the line
}

// Format names a statement file format.
type Format string

// The formats this package reads.
const (
	FormatCAMT053     Format = "camt053"
	FormatMT940       Format = "mt940"
	FormatINGCSV      Format = "csv-ing"
	FormatRabobankCSV Format = "csv-rabobank"
	FormatABNAMROTab  Format = "csv-abnamro"
)

// Statement is the content of one statement file. Account is "" when the file
// holds more than one of our accounts; each Line carries its own. Opening and
// closing balances are set (HasBalances) only when the file has one account
// and its balances form an unbroken chain from the first entry to the last.
type Statement struct {
	Format       Format
	Account      string
	Lines        []Line
	OpeningCents int64
	ClosingCents int64
	HasBalances  bool
}

// LineError reports a rejected entry: which one and why, in plain words.
// LineNo 0 means the problem concerns the file or a statement as a whole.
// Reason is the English text of Why, which a page can translate.
type LineError struct {
	LineNo int
	Reason string
	Why    *Reason
}

// String gives the reason with its entry number, if any.
func (e LineError) String() string {
	if e.LineNo == 0 {
		return e.Reason
	}
	return fmt.Sprintf("entry %d: %s", e.LineNo, e.Reason)
}

// ParseError is returned when a file cannot be imported. It lists every
// problem found, not only the first.
type ParseError struct {
	Format Format // "" when the format could not be recognised
	Errors []LineError
}

// Error joins the reasons: "csv-ing: entry 2: the amount is zero; ...".
func (e *ParseError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, le := range e.Errors {
		parts[i] = le.String()
	}
	prefix := "bank statement"
	if e.Format != "" {
		prefix = string(e.Format)
	}
	return prefix + ": " + strings.Join(parts, "; ")
}

// noEntries is the reason given for a file without any booked entry.
func noEntries() *Reason { return because("no_entries") }

// problems collects LineErrors while a parser walks a file.
type problems []LineError

func (p *problems) add(lineNo int, r *Reason) {
	*p = append(*p, LineError{LineNo: lineNo, Reason: r.String(), Why: r})
}

func (p problems) err(f Format) error {
	if len(p) == 0 {
		return nil
	}
	return &ParseError{Format: f, Errors: p}
}

func fileError(f Format, r *Reason) error {
	return &ParseError{Format: f, Errors: []LineError{{Reason: r.String(), Why: r}}}
}

// Parse recognises the format of a statement file by its content and parses
// it. name is only used to word the error when the content is not recognised.
func Parse(name string, data []byte) (Statement, error) {
	f, err := Detect(name, data)
	if err != nil {
		return Statement{}, err
	}
	switch f {
	case FormatCAMT053:
		return ParseCAMT053(data)
	case FormatMT940:
		return ParseMT940(data)
	default:
		return ParseCSV(data)
	}
}

// Detect recognises the format of a statement file by its content: the
// CAMT.053 namespace, the MT940 tags :20:, :25: and :60F:, or the header (or,
// for ABN AMRO, the column layout) of a bank's CSV export. The file name is
// only used to give a more helpful error when nothing matches.
func Detect(name string, data []byte) (Format, error) {
	text := toUTF8(data, "")
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return "", fileError("", noEntries())
	}
	if strings.HasPrefix(trimmed, "<") {
		ns := xmlRootNamespace(text)
		if _, ok := camtVersion(ns); ok {
			return FormatCAMT053, nil
		}
		if strings.Contains(ns, "camt.053") {
			return "", fileError("", because("camt_version", ns))
		}
		return "", fileError("", because("xml_not_camt053"))
	}
	if looksLikeMT940(text) {
		return FormatMT940, nil
	}
	if f := detectCSV(text); f != "" {
		return f, nil
	}
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".xml"):
		return "", fileError("", because("named_xml"))
	case strings.HasSuffix(lower, ".sta"), strings.HasSuffix(lower, ".940"), strings.HasSuffix(lower, ".swi"), strings.HasSuffix(lower, ".mt940"):
		return "", fileError("", because("named_mt940"))
	case strings.HasSuffix(lower, ".csv"), strings.HasSuffix(lower, ".tab"), strings.HasSuffix(lower, ".txt"):
		return "", fileError("", because("csv_header"))
	}
	return "", fileError("", because("unknown_format"))
}

// statementOf fills the account and balance fields of a statement from
// its lines and the balance chain the parser found.
func statementOf(f Format, lines []Line, chain []balanceLink) Statement {
	st := Statement{Format: f, Lines: lines}
	accounts := map[string]bool{}
	for _, l := range lines {
		accounts[l.Account] = true
	}
	for _, c := range chain {
		accounts[c.account] = true
	}
	if len(accounts) != 1 {
		return st
	}
	for a := range accounts {
		st.Account = a
	}
	if len(chain) == 0 {
		return st
	}
	for i := 1; i < len(chain); i++ {
		if chain[i].opening != chain[i-1].closing {
			return st
		}
	}
	st.OpeningCents, st.ClosingCents, st.HasBalances = chain[0].opening, chain[len(chain)-1].closing, true
	return st
}

// balanceLink is the opening and closing balance of one statement (CAMT,
// MT940) or one line (CSV) in file order.
type balanceLink struct {
	account          string
	opening, closing int64
}

// addCents adds b to a, reporting false on overflow.
func addCents(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// euro formats cents for error messages: -1234 becomes "-12.34 EUR".
func euro(cents int64) string {
	sign := ""
	u := uint64(cents)
	if cents < 0 {
		sign = "-"
		u = uint64(-cents)
	}
	return fmt.Sprintf("%s%d.%02d EUR", sign, u/100, u%100)
}
