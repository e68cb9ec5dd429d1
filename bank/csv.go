package bank

import (
	"encoding/csv"
	"errors"
	"regexp"
	"strings"
)

// detectCSV recognises the CSV exports by their header (ING, Rabobank) or,
// for ABN AMRO's header-less TXT export, by its column layout.
func detectCSV(text string) Format {
	h := firstNonEmptyLine(text)
	switch {
	case strings.Contains(h, "Naam / Omschrijving") && strings.Contains(h, "Af Bij"):
		return FormatINGCSV
	case strings.Contains(h, "IBAN/BBAN") && strings.Contains(h, "Volgnr"):
		return FormatRabobankCSV
	}
	f := strings.Split(h, "\t")
	if len(f) >= 6 && len(f[1]) == 3 && isUpperLetters(f[1]) && len(f[2]) == 8 && allDigits(f[2]) {
		return FormatABNAMROTab
	}
	return ""
}

// ParseCSV parses the CSV exports of Dutch banks, recognised by content:
//
//   - ING: "Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";
//     "Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen" (and, since 2023,
//     "Saldo na mutatie";"Tag"), separated by semicolons, or the older
//     comma-separated variant. Amounts are unsigned with a decimal comma; Af
//     Bij gives the direction. ING has no transaction reference column; the
//     end-to-end id is the "Kenmerk:" in Mededelingen.
//   - Rabobank: "IBAN/BBAN","Munt","BIC","Volgnr","Datum","Rentedatum",
//     "Bedrag","Saldo na trn","Tegenrekening IBAN/BBAN","Naam tegenpartij",
//     ...,"Transactiereferentie",...,"Omschrijving-1","Omschrijving-2",
//     "Omschrijving-3",... with signed amounts ("+1,00", "-1,00"). Volgnr is
//     the bank reference, Transactiereferentie the end-to-end id.
//   - ABN AMRO: the tab-separated TXT export without header: Rekeningnummer,
//     Muntsoort, Transactiedatum (YYYYMMDD), Beginsaldo, Eindsaldo,
//     Rentedatum, Transactiebedrag, Omschrijving, where the counterparty and
//     end-to-end id are inside Omschrijving ("/TRTP/.../IBAN/.../NAME/...
//     /REMI/.../EREF/..." or "SEPA Overboeking IBAN: .. Naam: ..").
//
// A file may hold several of our accounts; each Line carries its own.
func ParseCSV(data []byte) (Statement, error) {
	text := toUTF8(data, "")
	if strings.TrimSpace(text) == "" {
		return Statement{}, fileError("", noEntries())
	}
	switch detectCSV(text) {
	case FormatINGCSV:
		return parseING(text)
	case FormatRabobankCSV:
		return parseRabobank(text)
	case FormatABNAMROTab:
		return parseABNAMRO(text)
	}
	return Statement{}, fileError("", because("csv_header"))
}

// csvTable reads a CSV file with a header into its rows, and the index of
// each header name (lower case, trimmed).
type csvTable struct {
	header []string
	cols   map[string]int
	rows   [][]string
}

func readCSVTable(f Format, text string) (csvTable, error) {
	header := firstNonEmptyLine(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = ','
	if strings.Count(header, ";") > strings.Count(header, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return csvTable{}, fileError(f, because("csv_malformed", pe.Line, pe.Err.Error()))
		}
		return csvTable{}, fileError(f, because("csv_unreadable", err.Error()))
	}
	if len(records) == 0 {
		return csvTable{}, fileError(f, noEntries())
	}
	t := csvTable{header: records[0], cols: map[string]int{}, rows: records[1:]}
	for i, h := range t.header {
		t.cols[strings.ToLower(collapse(h))] = i
	}
	return t, nil
}

// col returns the index of the first of names present in the header, or -1.
func (t csvTable) col(names ...string) int {
	for _, n := range names {
		if i, ok := t.cols[n]; ok {
			return i
		}
	}
	return -1
}

// missingColumns names the required columns whose index is -1.
func missingColumns(names []string, idx ...int) []string {
	var missing []string
	for i, n := range names {
		if idx[i] < 0 {
			missing = append(missing, n)
		}
	}
	return missing
}

// cell returns row[i], or "" when the column is absent.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// csvBalances turns the balances after each line into a chain. Exports list
// lines oldest first (Rabobank, ABN AMRO) or newest first (ING); the chain
// is tried both ways. Nil means the balances do not connect (a filtered
// export, say), which is no reason to refuse the file.
func csvBalances(links []balanceLink) []balanceLink {
	connected := func(ls []balanceLink) bool {
		for i := 1; i < len(ls); i++ {
			if ls[i].opening != ls[i-1].closing || ls[i].account != ls[i-1].account {
				return false
			}
		}
		return len(ls) > 0
	}
	if connected(links) {
		return links
	}
	rev := make([]balanceLink, len(links))
	for i, l := range links {
		rev[len(links)-1-i] = l
	}
	if connected(rev) {
		return rev
	}
	return nil
}

// balanceAfter records the link of a line whose balance after the
// transaction is saldo; a blank saldo stops the chain.
func balanceAfter(links *[]balanceLink, ok *bool, account, saldo string, amount int64) *Reason {
	if strings.TrimSpace(saldo) == "" {
		*ok = false
		return nil
	}
	after, reason := parseAmount(saldo, ',')
	if reason != nil {
		return because("balance_after", reason)
	}
	before, fits := addCents(after, -amount)
	if !fits {
		*ok = false
		return nil
	}
	*links = append(*links, balanceLink{account: account, opening: before, closing: after})
	return nil
}

// valutadatum finds the value date in ING's Mededelingen.
var valutadatum = regexp.MustCompile(`Valutadatum: ?([0-9]{2}-[0-9]{2}-[0-9]{4})`)

func parseING(text string) (Statement, error) {
	t, err := readCSVTable(FormatINGCSV, text)
	if err != nil {
		return Statement{}, err
	}
	var (
		cDatum    = t.col("datum")
		cNaam     = t.col("naam / omschrijving")
		cRekening = t.col("rekening")
		cTegen    = t.col("tegenrekening")
		cAfBij    = t.col("af bij")
		cBedrag   = t.col("bedrag (eur)")
		cMed      = t.col("mededelingen")
		cSaldo    = t.col("saldo na mutatie")
	)
	if missing := missingColumns([]string{"Datum", "Rekening", "Af Bij", "Bedrag (EUR)"}, cDatum, cRekening, cAfBij, cBedrag); len(missing) > 0 {
		return Statement{}, fileError(FormatINGCSV, because("ing_header", strings.Join(missing, ", ")))
	}
	var (
		probs    problems
		out      []pending
		links    []balanceLink
		chainOK  = cSaldo >= 0
		dateForm = []string{layoutCompact, layoutISO, layoutDutch}
	)
	for i, row := range t.rows {
		no := i + 1
		if len(row) != len(t.header) {
			probs.add(no, because("row_columns", len(row), len(t.header)))
			continue
		}
		var bad []*Reason
		l := Line{LineNo: no, Currency: "EUR"}
		var reason *Reason
		if l.Account, reason = ourIBAN(row[cRekening]); reason != nil {
			bad = append(bad, reason)
		}
		if l.BookingDate, reason = parseDate(row[cDatum], because("field_date"), dateForm...); reason != nil {
			bad = append(bad, reason)
		}
		amount, reason := parseAmount(row[cBedrag], ',')
		afBij := strings.ToLower(strings.TrimSpace(row[cAfBij]))
		switch {
		case reason != nil:
			bad = append(bad, reason)
		case afBij != "af" && afBij != "bij":
			bad = append(bad, because("af_bij_invalid", row[cAfBij]))
		case strings.ContainsAny(row[cBedrag], "+-"):
			bad = append(bad, because("af_bij_sign", strings.TrimSpace(row[cBedrag]), strings.TrimSpace(row[cAfBij])))
		case amount == 0:
			bad = append(bad, because("amount_zero"))
		case afBij == "af":
			l.AmountCents = -amount
		default:
			l.AmountCents = amount
		}
		if l.CounterIBAN, reason = counterIBAN(cell(row, cTegen)); reason != nil {
			bad = append(bad, reason)
		}
		l.CounterName = collapse(cell(row, cNaam))
		n := parseNarrative(cell(row, cMed))
		l.Description, l.EndToEndID = n.description, n.endToEndID
		if m := valutadatum.FindStringSubmatch(cell(row, cMed)); m != nil {
			// Inside free text: a garbled Valutadatum is not worth refusing
			// the file for; the booking date is what counts.
			if d, reason := parseDate(m[1], because("field_value_date"), layoutDutch); reason == nil {
				l.ValueDate = d
			}
		}
		if len(bad) > 0 {
			for _, b := range bad {
				probs.add(no, b)
			}
			continue
		}
		if chainOK {
			if reason := balanceAfter(&links, &chainOK, l.Account, row[cSaldo], l.AmountCents); reason != nil {
				probs.add(no, reason)
				continue
			}
		}
		out = append(out, pending{Line: l})
	}
	return csvStatement(FormatINGCSV, probs, out, links, chainOK)
}

func csvStatement(f Format, probs problems, out []pending, links []balanceLink, chainOK bool) (Statement, error) {
	if len(probs) == 0 && len(out) == 0 {
		probs.add(0, noEntries())
	}
	if err := probs.err(f); err != nil {
		return Statement{}, err
	}
	var chain []balanceLink
	if chainOK {
		chain = csvBalances(links)
	}
	return statementOf(f, finish(out), chain), nil
}

func parseRabobank(text string) (Statement, error) {
	t, err := readCSVTable(FormatRabobankCSV, text)
	if err != nil {
		return Statement{}, err
	}
	var (
		cIBAN      = t.col("iban/bban")
		cMunt      = t.col("munt")
		cVolgnr    = t.col("volgnr")
		cDatum     = t.col("datum")
		cRente     = t.col("rentedatum")
		cBedrag    = t.col("bedrag")
		cSaldo     = t.col("saldo na trn")
		cTegen     = t.col("tegenrekening iban/bban")
		cNaam      = t.col("naam tegenpartij")
		cUltimate  = t.col("naam uiteindelijke partij")
		cRef       = t.col("transactiereferentie")
		cKenmerk   = t.col("betalingskenmerk")
		cOmschr1   = t.col("omschrijving-1")
		cOmschr2   = t.col("omschrijving-2")
		cOmschr3   = t.col("omschrijving-3")
		dateLayout = []string{layoutISO, layoutCompact}
	)
	if missing := missingColumns([]string{"IBAN/BBAN", "Munt", "Volgnr", "Datum", "Bedrag"}, cIBAN, cMunt, cVolgnr, cDatum, cBedrag); len(missing) > 0 {
		return Statement{}, fileError(FormatRabobankCSV, because("rabobank_header", strings.Join(missing, ", ")))
	}
	var (
		probs   problems
		out     []pending
		links   []balanceLink
		chainOK = cSaldo >= 0
	)
	for i, row := range t.rows {
		no := i + 1
		if len(row) != len(t.header) {
			probs.add(no, because("row_columns", len(row), len(t.header)))
			continue
		}
		var bad []*Reason
		l := Line{LineNo: no, Currency: "EUR"}
		var reason *Reason
		if l.Account, reason = ourIBAN(row[cIBAN]); reason != nil {
			bad = append(bad, reason)
		}
		if ccy := strings.TrimSpace(row[cMunt]); ccy != "EUR" {
			bad = append(bad, because("line_currency", ccy))
		}
		if l.BookingDate, reason = parseDate(row[cDatum], because("field_date"), dateLayout...); reason != nil {
			bad = append(bad, reason)
		}
		if s := cell(row, cRente); strings.TrimSpace(s) != "" {
			if l.ValueDate, reason = parseDate(s, because("field_value_date"), dateLayout...); reason != nil {
				bad = append(bad, reason)
			}
		}
		if l.AmountCents, reason = parseAmount(row[cBedrag], ','); reason != nil {
			bad = append(bad, reason)
		} else if l.AmountCents == 0 {
			bad = append(bad, because("amount_zero"))
		}
		if l.CounterIBAN, reason = counterIBAN(cell(row, cTegen)); reason != nil {
			bad = append(bad, reason)
		}
		l.CounterName = collapse(firstOf(cell(row, cNaam), cell(row, cUltimate)))
		l.BankRef = collapse(row[cVolgnr])
		l.EndToEndID = endToEndID(cell(row, cRef))
		l.Description = collapse(cell(row, cOmschr1) + " " + cell(row, cOmschr2) + " " + cell(row, cOmschr3))
		if l.Description == "" {
			l.Description = collapse(cell(row, cKenmerk))
		}
		if l.BankRef == "" {
			bad = append(bad, because("volgnr_missing"))
		}
		if len(bad) > 0 {
			for _, b := range bad {
				probs.add(no, b)
			}
			continue
		}
		if chainOK {
			if reason := balanceAfter(&links, &chainOK, l.Account, row[cSaldo], l.AmountCents); reason != nil {
				probs.add(no, reason)
				continue
			}
		}
		out = append(out, pending{Line: l})
	}
	return csvStatement(FormatRabobankCSV, probs, out, links, chainOK)
}

// abnColumns is the number of columns of ABN AMRO's TXT export.
const abnColumns = 8

func parseABNAMRO(text string) (Statement, error) {
	var (
		probs problems
		out   []pending
		links []balanceLink
		no    int
	)
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		no++
		f := strings.Split(line, "\t")
		if len(f) != abnColumns {
			probs.add(no, because("line_columns", len(f), abnColumns))
			continue
		}
		var bad []*Reason
		l := Line{LineNo: no, Currency: "EUR"}
		var reason *Reason
		acct := strings.TrimSpace(f[0])
		if iban, ok := dutchIBAN("ABNA", acct); ok && allDigits(acct) {
			l.Account = iban
		} else if l.Account, reason = ourIBAN(acct); reason != nil {
			bad = append(bad, reason)
		}
		if ccy := strings.TrimSpace(f[1]); ccy != "EUR" {
			bad = append(bad, because("line_currency", ccy))
		}
		if l.BookingDate, reason = parseDate(f[2], because("field_transaction_date"), layoutCompact); reason != nil {
			bad = append(bad, reason)
		}
		if strings.TrimSpace(f[5]) != "" {
			if l.ValueDate, reason = parseDate(f[5], because("field_value_date"), layoutCompact); reason != nil {
				bad = append(bad, reason)
			}
		}
		start, reasonStart := parseAmount(f[3], ',')
		end, reasonEnd := parseAmount(f[4], ',')
		for _, r := range []*Reason{reasonStart, reasonEnd} {
			if r != nil {
				bad = append(bad, because("abn_balance_problem", r))
			}
		}
		if l.AmountCents, reason = parseAmount(f[6], ','); reason != nil {
			bad = append(bad, reason)
		} else if l.AmountCents == 0 {
			bad = append(bad, because("amount_zero"))
		} else if reasonStart == nil && reasonEnd == nil {
			if want, ok := addCents(start, l.AmountCents); !ok || want != end {
				bad = append(bad, because("abn_balance", Cents(l.AmountCents), Cents(start), Cents(end)))
			}
		}
		n := parseNarrative(f[7])
		if l.CounterIBAN, reason = counterIBAN(n.counterIBAN); reason != nil {
			bad = append(bad, reason)
		}
		l.CounterName, l.Description, l.EndToEndID = n.counterName, n.description, n.endToEndID
		if len(bad) > 0 {
			for _, b := range bad {
				probs.add(no, b)
			}
			continue
		}
		links = append(links, balanceLink{account: l.Account, opening: start, closing: end})
		out = append(out, pending{Line: l})
	}
	return csvStatement(FormatABNAMROTab, probs, out, links, true)
}
