package bank

import (
	"slices"
	"strings"
)

// narrative is what a bank's free-form description field tells about a
// transaction: MT940 :86:, ABN AMRO's Omschrijving, ING's Mededelingen.
type narrative struct {
	counterIBAN string // raw, not yet checked
	counterName string
	description string
	endToEndID  string
}

// structuredKeys are the code words of the structured :86: field of Dutch
// banks (ING, Rabobank, ABN AMRO; the "/TRTP/" descriptions of ABN AMRO's TXT
// export use the same). USTD and STRD are not among them: they are sub-codes
// of REMI.
var structuredKeys = []string{
	"ADDR", "BENM", "BIC", "BUSP", "CDTRREF", "CDTRREFTP", "CHGS", "CNTP", "CSID",
	"EREF", "EXCH", "IBAN", "ID", "ISDT", "KREF", "MARF", "NAME", "ORDP", "PREF",
	"PURP", "REMI", "RTRN", "RTYP", "SUM", "SVCL", "TRCD", "TRTP", "ULTB", "ULTC",
	"ULTD",
}

// structuredKeyAt returns the code word that starts at s[i+1:] when s[i] is
// the slash that opens it ("/EREF/..."), or "".
func structuredKeyAt(s string, i int) string {
	if s[i] != '/' {
		return ""
	}
	rest := s[i+1:]
	for _, k := range structuredKeys {
		if strings.HasPrefix(rest, k+"/") {
			return k
		}
	}
	return ""
}

// splitStructured splits "/EREF/x//NAME/y/" into its code words and values.
// The value of a code word runs to the slash that opens the next code word;
// sub-fields stay in the value ("/CNTP/iban/bic/name/city/"). A repeated
// code word keeps its first value. ok is false when s does not start with a
// code word.
func splitStructured(s string) (fields map[string]string, ok bool) {
	if s == "" || structuredKeyAt(s, 0) == "" {
		return nil, false
	}
	fields = map[string]string{}
	key, start := "", 0
	for i := 0; i < len(s); i++ {
		k := structuredKeyAt(s, i)
		if k == "" {
			continue
		}
		if key != "" {
			if _, dup := fields[key]; !dup {
				fields[key] = s[start:i]
			}
		}
		key, start = k, i+len(k)+2
		i = start - 1
	}
	if _, dup := fields[key]; !dup {
		fields[key] = s[start:]
	}
	return fields, true
}

// parseNarrative reads a description field in one of three shapes:
// structured code words ("/EREF/../IBAN/../NAME/../REMI/.."), labelled text
// ("SEPA Overboeking IBAN: NL.. BIC: .. Naam: .. Omschrijving: .. Kenmerk: .."),
// or free text, which becomes the description as it is.
func parseNarrative(s string) narrative {
	if fields, ok := splitStructured(strings.TrimSpace(s)); ok {
		return structuredNarrative(fields)
	}
	if n, ok := labelledNarrative(s); ok {
		return n
	}
	return narrative{description: collapse(s)}
}

func structuredNarrative(f map[string]string) narrative {
	var n narrative
	n.endToEndID = endToEndID(strings.Trim(f["EREF"], "/ "))
	// Party sub-fields: /CNTP/iban/bic/name/city/ (ING); /BENM/ and /ORDP/
	// carry the same sub-fields, or are empty and followed by /NAME/ and
	// /IBAN/ code words (Rabobank, ABN AMRO).
	for _, k := range []string{"CNTP", "BENM", "ORDP"} {
		v, ok := f[k]
		if !ok {
			continue
		}
		parts := strings.Split(v, "/")
		if len(parts) > 0 && n.counterIBAN == "" {
			n.counterIBAN = strings.TrimSpace(parts[0])
		}
		if len(parts) > 2 && n.counterName == "" {
			n.counterName = collapse(parts[2])
		}
	}
	if n.counterIBAN == "" {
		n.counterIBAN = strings.Trim(f["IBAN"], "/ ")
	}
	if n.counterName == "" {
		n.counterName = collapse(strings.Trim(f["NAME"], "/"))
	}
	n.description = remittance(f["REMI"])
	for _, k := range []string{"CDTRREF", "BUSP", "TRTP"} {
		if n.description == "" {
			n.description = collapse(strings.Trim(f[k], "/"))
		}
	}
	return n
}

// remittance reads the value of /REMI/: "USTD//free text/" (unstructured),
// "STRD/CUR/1234567890123456/" (a structured payment reference, whose last
// part is the reference), or plain text (Rabobank, ABN AMRO).
func remittance(v string) string {
	switch {
	case strings.HasPrefix(v, "USTD/"):
		v = strings.TrimPrefix(strings.TrimPrefix(v, "USTD/"), "/")
	case strings.HasPrefix(v, "STRD/"):
		parts := strings.Split(strings.Trim(v, "/"), "/")
		v = parts[len(parts)-1]
	}
	return collapse(strings.TrimSuffix(strings.TrimSpace(v), "/"))
}

// narrativeLabels are the labels of the labelled descriptions of ABN AMRO
// (TXT export, MT940) and of ING's Mededelingen column.
var narrativeLabels = []string{
	"Omschrijving:", "Naam:", "IBAN:", "BIC:", "Kenmerk:", "Machtiging ID:", "Machtiging:",
	"Incassant ID:", "Incassant:", "Voor:", "Valutadatum:", "Datum/Tijd:", "Pasvolgnr:",
	"Transactie:", "Term:", "Referentie:", "Oorspr. bedrag:", "Koers:", "Kosten:",
}

// labelledNarrative reads labelled text; ok is false when s has none of the
// labels that identify a payment (IBAN:, Naam:, Omschrijving:, Kenmerk:).
// Labels need not be separated by spaces: ABN AMRO cuts values at fixed
// widths ("Naam: NETFLIX INTERNATIONAL B.V.Machtiging: ...").
func labelledNarrative(s string) (narrative, bool) {
	type hit struct {
		at    int
		label string
	}
	var hits []hit
	for i := 0; i < len(s); i++ {
		for _, l := range narrativeLabels {
			if strings.HasPrefix(s[i:], l) {
				hits = append(hits, hit{i, l})
				i += len(l) - 1
				break
			}
		}
	}
	values := map[string]string{}
	for j, h := range hits {
		end := len(s)
		if j+1 < len(hits) {
			end = hits[j+1].at
		}
		if _, dup := values[h.label]; !dup {
			values[h.label] = strings.TrimSpace(s[h.at+len(h.label) : end])
		}
	}
	if !slices.ContainsFunc([]string{"IBAN:", "Naam:", "Omschrijving:", "Kenmerk:"}, func(l string) bool {
		_, ok := values[l]
		return ok
	}) {
		return narrative{}, false
	}
	n := narrative{
		counterName: collapse(values["Naam:"]),
		endToEndID:  endToEndID(values["Kenmerk:"]),
		description: collapse(values["Omschrijving:"]),
	}
	if f := strings.Fields(values["IBAN:"]); len(f) > 0 {
		n.counterIBAN = f[0]
	}
	if n.description == "" {
		// No Omschrijving: the text before the first label names the kind of
		// transaction ("SEPA Overboeking"); failing that, keep everything.
		n.description = collapse(s[:hits[0].at])
		if n.description == "" {
			n.description = collapse(s)
		}
	}
	return n, true
}
