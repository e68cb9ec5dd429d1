package bank

import (
	"regexp"
	"strings"
	"time"
)

// mtTag matches the start of an MT940 field: ":61:...", ":60F:...".
var mtTag = regexp.MustCompile(`^:([0-9]{2}[A-Z]?):`)

// mtField is one field of an MT940 file with its continuation lines.
type mtField struct {
	tag   string
	lines []string // the first without its tag
	width []int    // physical length of each line, tag included
}

// splitMT940 cuts text into fields. Lines before the first field (the SWIFT
// envelope "{1:...}{2:...}{4:", Rabobank's ":940:", ABN AMRO's
// "ABNANL2A / 940") are returned as the preamble; a line "-" or "-}" or one
// opening a SWIFT block ends the current field.
func splitMT940(text string) (fields []mtField, preamble string) {
	var cur *mtField
	var pre strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		if m := mtTag.FindStringSubmatch(line); m != nil {
			fields = append(fields, mtField{tag: m[1], lines: []string{line[len(m[0]):]}, width: []int{len(line)}})
			cur = &fields[len(fields)-1]
			continue
		}
		t := strings.TrimSpace(line)
		if t == "-" || strings.HasPrefix(t, "-}") || strings.HasPrefix(t, "{") {
			cur = nil
		}
		switch {
		case cur != nil:
			cur.lines = append(cur.lines, line)
			cur.width = append(cur.width, len(line))
		case len(fields) == 0:
			pre.WriteString(line)
			pre.WriteByte('\n')
		}
	}
	return fields, pre.String()
}

// looksLikeMT940 reports whether text has the fields every MT940 statement
// starts with: :20:, :25: and an opening balance.
func looksLikeMT940(text string) bool {
	var has20, has25, has60 bool
	for line := range strings.SplitSeq(text, "\n") {
		switch {
		case strings.HasPrefix(line, ":20:"):
			has20 = true
		case strings.HasPrefix(line, ":25:"):
			has25 = true
		case strings.HasPrefix(line, ":60F:"), strings.HasPrefix(line, ":60M:"):
			has60 = true
		}
		if has20 && has25 && has60 {
			return true
		}
	}
	return false
}

type mtEntry struct {
	no   int
	f61  mtField
	f86  *mtField
	stmt int
}

type mtStatement struct {
	no         int
	account    string // raw :25:
	opening    *mtField
	closing    *mtField
	closingTag string
	entries    []*mtEntry
}

// ParseMT940 parses a SWIFT MT940 customer statement as ING, Rabobank and
// ABN AMRO export it: one or more statements (:20: to :62F:), each with an
// account (:25:, an IBAN, optionally followed by the currency, or a domestic
// account number that the bank named in the envelope turns into an IBAN),
// an opening balance (:60F: or :60M:), entries (:61: with their :86:) and a
// closing balance (:62F: or :62M:) that must equal the opening balance plus
// the entries. The :86: field may be structured (/EREF/, /CNTP/, /BENM/,
// /ORDP/, /IBAN/, /NAME/, /REMI/ ...), labelled (ABN AMRO "IBAN: .. Naam:
// ..") or free text, over several lines.
func ParseMT940(data []byte) (Statement, error) {
	text := toUTF8(data, "")
	fields, preamble := splitMT940(text)
	var (
		probs   problems
		stmts   []*mtStatement
		cur     *mtStatement
		last    *mtEntry
		entryNo int
	)
	newStatement := func() {
		cur = &mtStatement{no: len(stmts) + 1}
		stmts = append(stmts, cur)
		last = nil
	}
	for _, f := range fields {
		if cur == nil && f.tag != "20" {
			newStatement()
		}
		switch f.tag {
		case "20":
			newStatement()
		case "25":
			cur.account = strings.TrimSpace(strings.Join(f.lines, ""))
		case "60F", "60M":
			fc := f
			cur.opening = &fc
		case "61":
			entryNo++
			if cur.closing != nil {
				probs.add(entryNo, because("entry_after_closing"))
			}
			last = &mtEntry{no: entryNo, f61: f, stmt: cur.no}
			cur.entries = append(cur.entries, last)
		case "86":
			// An :86: right after a :61: belongs to it; elsewhere it is
			// information about the statement, which we do not need.
			if last != nil && last.f86 == nil && cur.closing == nil {
				fc := f
				last.f86 = &fc
			}
		case "62F", "62M":
			fc := f
			cur.closing, cur.closingTag = &fc, f.tag
			last = nil
		}
	}
	if len(stmts) == 0 {
		return Statement{}, fileError(FormatMT940, noEntries())
	}
	bankCode := bankCodeOf(preamble)
	var out []pending
	var chain []balanceLink
	for _, st := range stmts {
		what := because("statement", st.no)
		account, reason := mtAccount(st.account, bankCode)
		if reason != nil {
			probs.add(0, because("in_statement", what, reason))
		}
		var opening, closing int64
		var balancesOK = true
		if st.opening == nil {
			probs.add(0, because("no_opening", what))
			balancesOK = false
		} else if v, reason := mtBalance(st.opening); reason != nil {
			probs.add(0, because("opening_balance", what, reason))
			balancesOK = false
		} else {
			opening = v
		}
		if st.closing == nil {
			probs.add(0, because("no_closing", what))
			balancesOK = false
		} else if v, reason := mtBalance(st.closing); reason != nil {
			probs.add(0, because("closing_balance", what, st.closingTag, reason))
			balancesOK = false
		} else {
			closing = v
		}
		sum := int64(0)
		for _, e := range st.entries {
			l, reason := mtLine(e, account)
			if reason != nil {
				probs.add(e.no, reason)
				balancesOK = false
				continue
			}
			out = append(out, l)
			var ok bool
			if sum, ok = addCents(sum, l.AmountCents); !ok {
				probs.add(e.no, because("sum_overflow"))
				balancesOK = false
			}
		}
		if balancesOK {
			if want, ok := addCents(opening, sum); !ok || want != closing {
				probs.add(0, because("in_statement", what, because("mt940_unbalanced", Cents(opening), Cents(sum), Cents(closing))))
			}
			chain = append(chain, balanceLink{account: account, opening: opening, closing: closing})
		}
	}
	if len(probs) == 0 && len(out) == 0 {
		probs.add(0, noEntries())
	}
	if err := probs.err(FormatMT940); err != nil {
		return Statement{}, err
	}
	return statementOf(FormatMT940, finish(out), chain), nil
}

// bankCodeOf finds the bank that sent the file in the envelope, so that a
// domestic account number in :25: can be turned into an IBAN.
func bankCodeOf(preamble string) string {
	for _, bic := range []string{"ABNANL2A", "INGBNL2A", "RABONL2U"} {
		if strings.Contains(preamble, bic) {
			return bic[:4]
		}
	}
	return ""
}

// mtAccount reads :25:: "NL20INGB0001234567EUR" (ING), "NL44RABO0123456789
// EUR" (Rabobank), "NL68ABNA0517734217" or "517734217" (ABN AMRO), possibly
// preceded by a BIC and a slash.
func mtAccount(raw, bankCode string) (string, *Reason) {
	s := raw
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return "", because("account_tag_missing")
	}
	acct, ccy := fields[0], ""
	if len(fields) > 1 {
		ccy = fields[1]
	} else if n := len(acct); n >= 18 && isUpperLetters(acct[n-3:]) && acct[n-4] >= '0' && acct[n-4] <= '9' {
		// ING glues the currency to the IBAN; IBANs end in a digit.
		acct, ccy = acct[:n-3], acct[n-3:]
	}
	if ccy != "" && ccy != "EUR" {
		return "", because("account_currency", ccy)
	}
	if allDigits(acct) && bankCode != "" {
		if iban, ok := dutchIBAN(bankCode, acct); ok {
			return iban, nil
		}
	}
	if allDigits(acct) {
		return "", because("account_not_iban", acct)
	}
	return ourIBAN(acct)
}

func isUpperLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

var mtBalanceRe = regexp.MustCompile(`^([CD])([0-9]{6})([A-Z]{3})(.*)$`)

// mtBalance reads :60F:/:62F: "C240105EUR1000,00".
func mtBalance(f *mtField) (int64, *Reason) {
	s := strings.TrimSpace(strings.Join(f.lines, ""))
	m := mtBalanceRe.FindStringSubmatch(s)
	if m == nil {
		return 0, because("mt940_balance", s)
	}
	if _, reason := mtDate(m[2], because("field_balance_date")); reason != nil {
		return 0, reason
	}
	if m[3] != "EUR" {
		return 0, because("mt940_currency", m[3])
	}
	v, reason := parseAmount(m[4], ',')
	if reason != nil {
		return 0, reason
	}
	if v < 0 {
		return 0, because("mt940_sign", m[4])
	}
	if m[1] == "D" {
		v = -v
	}
	return v, nil
}

// mtDate reads a YYMMDD date.
func mtDate(s string, what *Reason) (time.Time, *Reason) {
	if len(s) != 6 || !allDigits(s) {
		return time.Time{}, because("mt940_date", what, s)
	}
	yy := int(s[0]-'0')*10 + int(s[1]-'0')
	year := 2000 + yy
	if yy >= 80 {
		year = 1900 + yy
	}
	return civilDate(year, s[2:4], s[4:6], what, s)
}

// mt61 is :61: value date, optional entry date, mark (C, D, RC, RD),
// optional funds code, amount, transaction type, reference for the account
// owner and, after "//", the bank's reference.
var mt61 = regexp.MustCompile(`^([0-9]{6})([0-9]{4})?(RC|RD|C|D)([A-Z])?([-+]?[0-9][0-9.,]*)([A-Z][A-Z0-9]{3})(.*)$`)

func mtLine(e *mtEntry, account string) (pending, *Reason) {
	first := strings.TrimSpace(e.f61.lines[0])
	m := mt61.FindStringSubmatch(first)
	if m == nil {
		return pending{}, because("mt940_entry", first)
	}
	l := Line{LineNo: e.no, Account: account, Currency: "EUR"}
	valueDate, reason := mtDate(m[1], because("field_value_date"))
	if reason != nil {
		return pending{}, reason
	}
	l.ValueDate, l.BookingDate = valueDate, valueDate
	if m[2] != "" {
		// The entry (booking) date has no year: take the value date's, or
		// the one before or after when they straddle New Year.
		year := valueDate.Year()
		month := int(m[2][0]-'0')*10 + int(m[2][1]-'0')
		switch {
		case month-int(valueDate.Month()) > 6:
			year--
		case int(valueDate.Month())-month > 6:
			year++
		}
		l.BookingDate, reason = civilDate(year, m[2][:2], m[2][2:], because("field_entry_date"), m[2])
		if reason != nil {
			return pending{}, reason
		}
	}
	v, reason := parseAmount(m[5], ',')
	switch {
	case reason != nil:
		return pending{}, reason
	case strings.ContainsAny(m[5], "+-"):
		return pending{}, because("mt940_sign", m[5])
	case v == 0:
		return pending{}, because("amount_zero")
	}
	switch m[3] {
	case "D", "RC": // debit; reversal of a credit
		v = -v
	}
	l.AmountCents = v
	_, bankRef, _ := strings.Cut(m[7], "//")
	l.BankRef = collapse(bankRef)

	supplementary := ""
	if len(e.f61.lines) > 1 {
		supplementary = strings.TrimSpace(strings.Join(e.f61.lines[1:], " "))
	}
	var n narrative
	if e.f86 != nil {
		n = parseNarrative(join86(e.f86))
	}
	if n.counterIBAN == "" {
		// Rabobank puts the counterparty account on the :61: line's
		// second line.
		if f := strings.Fields(supplementary); len(f) > 0 {
			n.counterIBAN = f[0]
		}
	}
	l.CounterIBAN, reason = counterIBAN(n.counterIBAN)
	if reason != nil {
		return pending{}, reason
	}
	l.CounterName, l.Description, l.EndToEndID = n.counterName, n.description, n.endToEndID
	return pending{Line: l}, nil
}

// join86 joins the lines of :86:. Banks wrap the field at 65 characters,
// structured fields even in the middle of a code word ("/ERE" + "F/"), so
// structured lines are joined as they are. Free text is joined with a space
// unless the line was full.
func join86(f *mtField) string {
	if strings.HasPrefix(strings.TrimSpace(f.lines[0]), "/") {
		return strings.Join(f.lines, "")
	}
	var b strings.Builder
	for i, line := range f.lines {
		if i > 0 && f.width[i-1] < 65 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return b.String()
}
