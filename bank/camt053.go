package bank

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// The CAMT.053 element paths this parser reads are the same in versions
// 001.02 to 001.10; where they differ (entry status, party names, the
// transaction amount) both forms are read.
const camtNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."

// camtVersion returns the version number (2 to 10) of a CAMT.053 namespace.
func camtVersion(ns string) (int, bool) {
	v, ok := strings.CutPrefix(ns, camtNamespacePrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || len(v) != 2 || n < 2 || n > 10 {
		return 0, false
	}
	return n, true
}

// xmlRootNamespace returns the namespace of the root element of an XML
// document, or "" when there is none or the XML does not parse that far.
func xmlRootNamespace(text string) string {
	d := xml.NewDecoder(strings.NewReader(text))
	d.CharsetReader = passCharset
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Space
		}
	}
}

// passCharset lets encoding/xml read documents that declare a legacy
// charset: toUTF8 has already decoded them.
func passCharset(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "iso-8859-15", "latin1", "latin-1", "windows-1252", "cp1252":
		return r, nil
	}
	return nil, fmt.Errorf("unsupported character set %q", label)
}

var xmlEncodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']`)

type camtDocument struct {
	XMLName xml.Name
	Stmts   []camtStmt `xml:"BkToCstmrStmt>Stmt"`
}

type camtStmt struct {
	ID   string `xml:"Id"`
	Acct struct {
		IBAN string `xml:"Id>IBAN"`
		Ccy  string `xml:"Ccy"`
	} `xml:"Acct"`
	Bals   []camtBal  `xml:"Bal"`
	Ntries []camtNtry `xml:"Ntry"`
}

type camtAmt struct {
	Value string `xml:",chardata"`
	Ccy   string `xml:"Ccy,attr"`
}

type camtDate struct {
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

type camtBal struct {
	Cd        string   `xml:"Tp>CdOrPrtry>Cd"`
	Amt       *camtAmt `xml:"Amt"`
	CdtDbtInd string   `xml:"CdtDbtInd"`
}

type camtNtry struct {
	NtryRef   string   `xml:"NtryRef"`
	Amt       *camtAmt `xml:"Amt"`
	CdtDbtInd string   `xml:"CdtDbtInd"`
	Sts       struct {
		Text string `xml:",chardata"` // 001.02-001.07: <Sts>BOOK</Sts>
		Cd   string `xml:"Cd"`        // 001.08+: <Sts><Cd>BOOK</Cd></Sts>
	} `xml:"Sts"`
	BookgDt      *camtDate `xml:"BookgDt"`
	ValDt        *camtDate `xml:"ValDt"`
	AcctSvcrRef  string    `xml:"AcctSvcrRef"`
	AddtlNtryInf string    `xml:"AddtlNtryInf"`
	TxDtls       []camtTx  `xml:"NtryDtls>TxDtls"`
}

type camtTx struct {
	Refs struct {
		AcctSvcrRef string `xml:"AcctSvcrRef"`
		EndToEndID  string `xml:"EndToEndId"`
	} `xml:"Refs"`
	Amt       *camtAmt `xml:"Amt"`               // 001.03+
	TxAmt     *camtAmt `xml:"AmtDtls>TxAmt>Amt"` // 001.02
	CdtDbtInd string   `xml:"CdtDbtInd"`         // 001.03+
	Pties     struct {
		DbtrNm      string `xml:"Dbtr>Nm"`     // 001.02-001.07
		DbtrPtyNm   string `xml:"Dbtr>Pty>Nm"` // 001.08+
		DbtrIBAN    string `xml:"DbtrAcct>Id>IBAN"`
		CdtrNm      string `xml:"Cdtr>Nm"`
		CdtrPtyNm   string `xml:"Cdtr>Pty>Nm"`
		CdtrIBAN    string `xml:"CdtrAcct>Id>IBAN"`
		UltmtDbtrNm string `xml:"UltmtDbtr>Nm"`
		UltmtCdtrNm string `xml:"UltmtCdtr>Nm"`
	} `xml:"RltdPties"`
	Ustrd      []string `xml:"RmtInf>Ustrd"`
	StrdRef    []string `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
	AddtlTxInf string   `xml:"AddtlTxInf"`
}

// ParseCAMT053 parses an ISO 20022 CAMT.053 bank-to-customer statement,
// versions 001.02 to 001.10, with one or more Stmt elements. Only booked
// entries (status BOOK) become lines; pending and information entries are
// skipped but keep their number. A batch entry whose transactions each carry
// an amount becomes one line per transaction; the amounts must add up to the
// entry's. When a statement has an opening (OPBD, or PRCD) and a closing
// (CLBD) booked balance, they must differ by exactly the sum of its booked
// entries.
func ParseCAMT053(data []byte) (Statement, error) {
	charset := ""
	head := bytes.TrimPrefix(data[:min(len(data), 200)], []byte{0xEF, 0xBB, 0xBF})
	if m := xmlEncodingDecl.FindSubmatch(head); m != nil {
		charset = string(m[1])
	}
	text := toUTF8(data, charset)
	if strings.TrimSpace(text) == "" {
		return Statement{}, fileError(FormatCAMT053, noEntries())
	}
	d := xml.NewDecoder(strings.NewReader(text))
	d.CharsetReader = passCharset
	var doc camtDocument
	if err := d.Decode(&doc); err != nil {
		reason := because("xml_invalid")
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
			reason = because("xml_incomplete")
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return Statement{}, fileError(FormatCAMT053, because("xml_syntax", reason, se.Line, se.Msg))
		}
		return Statement{}, fileError(FormatCAMT053, because("xml_error", reason, err.Error()))
	}
	if _, ok := camtVersion(doc.XMLName.Space); !ok || doc.XMLName.Local != "Document" {
		return Statement{}, fileError(FormatCAMT053, because("camt_namespace", doc.XMLName.Space))
	}

	var (
		probs   problems
		out     []pending
		chain   []balanceLink
		entryNo int
	)
	for si, st := range doc.Stmts {
		what := because("statement", si+1)
		if id := collapse(st.ID); id != "" {
			what = because("statement_id", si+1, id)
		}
		account, reason := ourIBAN(st.Acct.IBAN)
		if reason != nil {
			probs.add(0, because("in_statement", what, reason))
		}
		stmtCcy := strings.TrimSpace(st.Acct.Ccy)
		if stmtCcy != "" && stmtCcy != "EUR" {
			probs.add(0, because("in_statement", what, because("account_currency", stmtCcy)))
		}
		var sum int64
		sumOK := true
		for _, n := range st.Ntries {
			entryNo++
			status := strings.TrimSpace(n.Sts.Cd)
			if status == "" {
				status = strings.TrimSpace(n.Sts.Text)
			}
			if status != "BOOK" {
				if status == "" {
					probs.add(entryNo, because("no_status"))
					sumOK = false
				}
				continue
			}
			lines, amount, errs := camtEntry(entryNo, account, n)
			if len(errs) > 0 {
				probs = append(probs, errs...)
				sumOK = false
				continue
			}
			out = append(out, lines...)
			var ok bool
			if sum, ok = addCents(sum, amount); !ok {
				sumOK = false
				probs.add(entryNo, because("sum_overflow"))
			}
		}
		opening, hasOpening, closing, hasClosing := camtBalances(&probs, what, st.Bals)
		if hasOpening && hasClosing {
			want, ok := addCents(opening, sum)
			if sumOK && (!ok || want != closing) {
				probs.add(0, because("in_statement", what, because("camt_unbalanced", Cents(opening), Cents(sum), Cents(closing))))
			}
			chain = append(chain, balanceLink{account: account, opening: opening, closing: closing})
		}
	}
	if len(probs) == 0 && len(out) == 0 {
		probs.add(0, noEntries())
	}
	if err := probs.err(FormatCAMT053); err != nil {
		return Statement{}, err
	}
	if len(chain) != len(doc.Stmts) {
		chain = nil
	}
	return statementOf(FormatCAMT053, finish(out), chain), nil
}

// camtBalances reads the opening (OPBD, or PRCD) and closing (CLBD) booked
// balances of a statement.
func camtBalances(probs *problems, what *Reason, bals []camtBal) (opening int64, hasOpening bool, closing int64, hasClosing bool) {
	var prcd int64
	hasPRCD := false
	for _, b := range bals {
		cd := strings.TrimSpace(b.Cd)
		if cd != "OPBD" && cd != "PRCD" && cd != "CLBD" {
			continue
		}
		if b.Amt == nil {
			probs.add(0, because("in_statement", what, because("balance_no_amount", cd)))
			continue
		}
		if ccy := strings.TrimSpace(b.Amt.Ccy); ccy != "" && ccy != "EUR" {
			probs.add(0, because("in_statement", what, because("balance_currency", cd, ccy)))
			continue
		}
		v, reason := parseAmount(b.Amt.Value, '.')
		if reason == nil && v < 0 {
			reason = because("balance_negative")
		}
		if reason != nil {
			probs.add(0, because("in_statement", what, because("balance_problem", cd, reason)))
			continue
		}
		switch strings.TrimSpace(b.CdtDbtInd) {
		case "CRDT":
		case "DBIT":
			v = -v
		default:
			probs.add(0, because("in_statement", what, because("balance_no_indicator", cd)))
			continue
		}
		switch cd {
		case "OPBD":
			opening, hasOpening = v, true
		case "PRCD":
			prcd, hasPRCD = v, true
		case "CLBD":
			closing, hasClosing = v, true
		}
	}
	if !hasOpening && hasPRCD {
		opening, hasOpening = prcd, true
	}
	return opening, hasOpening, closing, hasClosing
}

// camtAmount reads a CAMT amount and its credit/debit indicator.
func camtAmount(a *camtAmt, cdtDbt, fallbackCcy string) (int64, *Reason) {
	if a == nil {
		return 0, because("amount_missing")
	}
	ccy := strings.TrimSpace(a.Ccy)
	if ccy == "" {
		ccy = fallbackCcy
	}
	if ccy != "" && ccy != "EUR" {
		return 0, because("amount_currency", ccy)
	}
	v, reason := parseAmount(a.Value, '.')
	if reason != nil {
		return 0, reason
	}
	if v < 0 {
		return 0, because("camt_negative", strings.TrimSpace(a.Value))
	}
	if v == 0 {
		return 0, because("amount_zero")
	}
	switch strings.TrimSpace(cdtDbt) {
	case "CRDT":
		return v, nil
	case "DBIT":
		return -v, nil
	case "":
		return 0, because("indicator_missing")
	default:
		return 0, because("indicator_invalid", strings.TrimSpace(cdtDbt))
	}
}

// camtDay reads BookgDt or ValDt: <Dt>YYYY-MM-DD</Dt> or <DtTm>; of a date
// and time only the date counts, as the bank wrote it.
func camtDay(d *camtDate, what *Reason) (string, *Reason) {
	if d == nil {
		return "", nil
	}
	s := strings.TrimSpace(d.Dt)
	if s == "" {
		s = strings.TrimSpace(d.DtTm)
	}
	if len(s) > 10 {
		// "2024-01-05+01:00" or "2024-01-05T10:00:00.000+01:00".
		s = s[:10]
	}
	if s == "" {
		return "", because("date_no_value", what)
	}
	return s, nil
}

// camtEntry turns one booked entry into one line, or one line per
// transaction of a batch. It returns the entry's signed amount for the
// balance check.
func camtEntry(no int, account string, n camtNtry) ([]pending, int64, []LineError) {
	var probs problems
	amount, reason := camtAmount(n.Amt, n.CdtDbtInd, "EUR")
	if reason != nil {
		probs.add(no, reason)
	}
	if n.BookgDt == nil {
		probs.add(no, because("booking_date_missing"))
	}
	var base Line
	base.LineNo, base.Account, base.Currency = no, account, "EUR"
	if s, reason := camtDay(n.BookgDt, because("field_booking_date")); reason != nil {
		probs.add(no, reason)
	} else if n.BookgDt != nil {
		t, reason := parseDate(s, because("field_booking_date"), layoutISO)
		if reason != nil {
			probs.add(no, reason)
		}
		base.BookingDate = t
	}
	if s, reason := camtDay(n.ValDt, because("field_value_date")); reason != nil {
		probs.add(no, reason)
	} else if s != "" {
		t, reason := parseDate(s, because("field_value_date"), layoutISO)
		if reason != nil {
			probs.add(no, reason)
		}
		base.ValueDate = t
	}
	base.BankRef = collapse(n.AcctSvcrRef)
	if base.BankRef == "" {
		base.BankRef = collapse(n.NtryRef)
	}
	if len(probs) > 0 {
		return nil, 0, probs
	}

	// One line per transaction only when there are several and each has its
	// own amount; otherwise the entry is one line.
	split := len(n.TxDtls) > 1
	for _, tx := range n.TxDtls {
		if tx.Amt == nil && tx.TxAmt == nil {
			split = false
		}
	}
	if !split {
		l := base
		l.AmountCents = amount
		l.Description = collapse(n.AddtlNtryInf)
		if len(n.TxDtls) == 1 {
			if reason := camtTxInto(&l, n.TxDtls[0]); reason != nil {
				probs.add(no, reason)
			}
			if l.BankRef == "" {
				l.BankRef = collapse(n.TxDtls[0].Refs.AcctSvcrRef)
			}
		}
		return []pending{{Line: l}}, amount, probs
	}

	var out []pending
	var sum int64
	for i, tx := range n.TxDtls {
		a := tx.Amt
		if a == nil {
			a = tx.TxAmt
		}
		cdtDbt := tx.CdtDbtInd
		if strings.TrimSpace(cdtDbt) == "" {
			cdtDbt = n.CdtDbtInd
		}
		v, reason := camtAmount(a, cdtDbt, "EUR")
		if reason != nil {
			probs.add(no, because("batch_transaction", i+1, reason))
			continue
		}
		var ok bool
		if sum, ok = addCents(sum, v); !ok {
			probs.add(no, because("batch_overflow"))
			break
		}
		l := base
		l.AmountCents = v
		if reason := camtTxInto(&l, tx); reason != nil {
			probs.add(no, because("batch_transaction", i+1, reason))
		}
		if l.Description == "" {
			l.Description = collapse(n.AddtlNtryInf)
		}
		p := pending{Line: l}
		if ref := collapse(tx.Refs.AcctSvcrRef); ref != "" {
			p.BankRef = ref
		} else if l.BankRef != "" {
			p.keyRef = l.BankRef + "#" + strconv.Itoa(i+1)
		}
		out = append(out, p)
	}
	if len(probs) == 0 && sum != amount {
		probs.add(no, because("batch_sum", Cents(sum), Cents(amount)))
	}
	return out, amount, probs
}

// camtTxInto copies the references, counterparty and remittance information
// of a transaction into l, whose AmountCents decides which party is the
// counterparty: the debtor of money in, the creditor of money out.
func camtTxInto(l *Line, tx camtTx) *Reason {
	l.EndToEndID = endToEndID(tx.Refs.EndToEndID)
	p := tx.Pties
	name, iban, ultimate := firstOf(p.DbtrNm, p.DbtrPtyNm), p.DbtrIBAN, p.UltmtDbtrNm
	if l.AmountCents < 0 {
		name, iban, ultimate = firstOf(p.CdtrNm, p.CdtrPtyNm), p.CdtrIBAN, p.UltmtCdtrNm
	}
	l.CounterName = collapse(firstOf(name, ultimate))
	var reason *Reason
	l.CounterIBAN, reason = counterIBAN(iban)
	desc := collapse(strings.Join(tx.Ustrd, " "))
	if desc == "" {
		desc = collapse(strings.Join(tx.StrdRef, " "))
	}
	if desc == "" {
		desc = collapse(tx.AddtlTxInf)
	}
	if desc != "" {
		l.Description = desc
	}
	return reason
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
