package bank

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCSV(t *testing.T) {
	t.Parallel()
	const (
		ing   = "NL20INGB0001234567"
		rabo  = "NL44RABO0123456789"
		rabo2 = "NL38RABO0147258369"
		abn   = "NL68ABNA0517734217" // account 517734217 in the export
		abn2  = "NL74ABNA0612345678" // account 612345678
	)
	tests := []struct {
		file string
		want Statement
	}{
		{"ing.csv", Statement{
			// Newest first, as ING exports; the balances after each line
			// chain up from 1887.28 to 2394.41.
			Format: FormatINGCSV, Account: ing, OpeningCents: 188728, ClosingCents: 239441, HasBalances: true,
			Lines: []Line{
				{
					LineNo: 1, Account: ing, BookingDate: day("2024-03-12"), ValueDate: day("2024-03-12"),
					AmountCents: 75000, Currency: "EUR",
					CounterIBAN: "NL36INGB0007654321", CounterName: "Gemeente Voorbeeldstad",
					Description: "Wijkbudget 2024 eerste tranche", EndToEndID: "GVS-WB-2024-0815",
					DedupKey: "e2e:NL20INGB0001234567:GVS-WB-2024-0815:75000",
				},
				{
					LineNo: 2, Account: ing, BookingDate: day("2024-03-11"), ValueDate: day("2024-03-11"),
					AmountCents: -2387, Currency: "EUR",
					CounterName: "Albert Heijn 1234",
					Description: "Pasvolgnr: 004 11-03-2024 16:42 Transactie: 1A2B3C Term: 4R5T6Y Valutadatum: 11-03-2024",
					DedupKey:    "weak", WeakKey: true,
				},
				{
					LineNo: 3, Account: ing, BookingDate: day("2024-03-08"), ValueDate: day("2024-03-08"),
					AmountCents: -20000, Currency: "EUR",
					CounterIBAN: "NL93RABO0987654321", CounterName: "Stichting Wijkcoöperatie De Blauwe Wijk",
					Description: "Lidmaatschap 2024", // Kenmerk: NOTPROVIDED
					DedupKey:    "weak", WeakKey: true,
				},
				{
					LineNo: 4, Account: ing, BookingDate: day("2024-03-01"),
					AmountCents: -950, Currency: "EUR",
					CounterName: "Kosten Zakelijk Betalen Pakket",
					Description: "Kosten Zakelijk Betalen Pakket februari",
					DedupKey:    "weak", WeakKey: true,
				},
				{
					LineNo: 5, Account: ing, BookingDate: day("2024-03-01"),
					AmountCents: -950, Currency: "EUR",
					CounterName: "Kosten Zakelijk Betalen Pakket",
					Description: "Kosten Zakelijk Betalen Pakket februari",
					DedupKey:    "weak", WeakKey: true,
				},
			},
		}},
		{"ing_comma.csv", Statement{
			Format: FormatINGCSV, Account: ing, // no balance column
			Lines: []Line{
				{
					LineNo: 1, Account: ing, BookingDate: day("2023-12-15"), ValueDate: day("2023-12-15"),
					AmountCents: -3500, Currency: "EUR",
					CounterIBAN: "NL63TRIO0212345678", CounterName: "J. de Vries",
					Description: "Terugbetaling voorschot kerstmarkt",
					DedupKey:    "weak", WeakKey: true,
				},
				{
					LineNo: 2, Account: ing, BookingDate: day("2023-12-14"), ValueDate: day("2023-12-14"),
					AmountCents: -1825, Currency: "EUR",
					CounterIBAN: "NL39RABO0300065264", CounterName: "Bakkerij Het Volkoren",
					Description: "Factuur 2023-1187", EndToEndID: "INC-1187-2023",
					DedupKey: "e2e:NL20INGB0001234567:INC-1187-2023:-1825",
				},
				{
					LineNo: 3, Account: ing, BookingDate: day("2023-12-13"), ValueDate: day("2023-12-13"),
					AmountCents: 125000, Currency: "EUR",
					CounterIBAN: "NL68SNSB0901234567", CounterName: "Stichting Buurtfonds De Linde",
					Description: "Toekenning aanvraag kerstmarkt 2023, dossier BF-2023-118", EndToEndID: "BF-2023-118-1",
					DedupKey: "e2e:NL20INGB0001234567:BF-2023-118-1:125000",
				},
			},
		}},
		{"rabobank.csv", Statement{
			Format: FormatRabobankCSV, // two of our accounts: Account is per line
			Lines: []Line{
				{
					LineNo: 1, Account: rabo, BookingDate: day("2024-04-02"), ValueDate: day("2024-04-02"),
					AmountCents: 100000, Currency: "EUR",
					CounterIBAN: "NL36INGB0007654321", CounterName: "Gemeente Voorbeeldstad",
					Description: "Wijkbudget 2024 tweede tranche", // Omschrijving-1 + -2
					BankRef:     "000000000000000735", EndToEndID: "GVS-WB-2024-0920",
					DedupKey: "e2e:NL44RABO0123456789:GVS-WB-2024-0920:100000",
				},
				{
					LineNo: 2, Account: rabo, BookingDate: day("2024-04-03"), ValueDate: day("2024-04-03"),
					AmountCents: -4235, Currency: "EUR",
					CounterIBAN: "NL39RABO0300065264", CounterName: "Bakkerij Het Volkoren",
					Description: "Koffie en thee buurthuis maart",
					BankRef:     "000000000000000736", EndToEndID: "INC-2024-04-0003",
					DedupKey: "e2e:NL44RABO0123456789:INC-2024-04-0003:-4235",
				},
				{
					LineNo: 3, Account: rabo2, BookingDate: day("2024-04-03"), ValueDate: day("2024-04-03"),
					AmountCents: 50000, Currency: "EUR",
					CounterIBAN: rabo, CounterName: "Stichting Wijkfonds De Blauwe Wijk",
					Description: "Reservering onderhoud speeltuin",
					BankRef:     "000000000000000112",
					DedupKey:    "ref:NL38RABO0147258369:000000000000000112",
				},
				{
					LineNo: 4, Account: rabo, BookingDate: day("2024-04-03"), ValueDate: day("2024-04-03"),
					AmountCents: -50000, Currency: "EUR",
					CounterIBAN: rabo2, CounterName: "Stichting Wijkfonds De Blauwe Wijk",
					Description: "Reservering onderhoud speeltuin",
					BankRef:     "000000000000000737",
					DedupKey:    "ref:NL44RABO0123456789:000000000000000737",
				},
				{
					LineNo: 5, Account: rabo, BookingDate: day("2024-04-04"), ValueDate: day("2024-04-04"),
					AmountCents: -1299, Currency: "EUR",
					Description: "Hema Voorbeeldstad Pasnr. 123",
					BankRef:     "000000000000000738",
					DedupKey:    "ref:NL44RABO0123456789:000000000000000738",
				},
			},
		}},
		{"rabobank_cp1252.csv", Statement{
			Format: FormatRabobankCSV, Account: rabo, OpeningCents: 200000, ClosingCents: 193550, HasBalances: true,
			Lines: []Line{
				{
					LineNo: 1, Account: rabo, BookingDate: day("2024-05-13"), ValueDate: day("2024-05-13"),
					AmountCents: -6450, Currency: "EUR",
					CounterIBAN: "NL44ASNB0708123456", CounterName: "Café De Hoek", // é was byte 0xE9
					Description: "Zaalhuur overleg € 64,50 – mei", // € 0x80, – 0x96
					BankRef:     "000000000000000801",
					DedupKey:    "ref:NL44RABO0123456789:000000000000000801",
				},
			},
		}},
		{"abnamro.tab", Statement{
			Format: FormatABNAMROTab, // two of our accounts
			Lines: []Line{
				{
					LineNo: 1, Account: abn, BookingDate: day("2024-05-06"), ValueDate: day("2024-05-06"),
					AmountCents: -2500, Currency: "EUR",
					Description: "BEA, Betaalpas Hema Voorbeeldstad,PAS123 NR:AB12CD, 06.05.24/10:15 VOORBEELDSTAD",
					DedupKey:    "weak", WeakKey: true,
				},
				{
					LineNo: 2, Account: abn, BookingDate: day("2024-05-07"), ValueDate: day("2024-05-07"),
					AmountCents: 25000, Currency: "EUR",
					CounterIBAN: "NL68SNSB0901234567", CounterName: "Stichting Buurtfonds De Linde",
					Description: "Bijdrage Koningsdag buurtfeest", EndToEndID: "FONDS-2024-0502",
					DedupKey: "e2e:NL68ABNA0517734217:FONDS-2024-0502:25000",
				},
				{
					LineNo: 3, Account: abn, BookingDate: day("2024-05-08"), ValueDate: day("2024-05-08"),
					AmountCents: -3950, Currency: "EUR",
					CounterIBAN: "NL39RABO0300065264", CounterName: "Bakkerij Het Volkoren",
					Description: "Factuur 2024-0231 taart vrijwilligers", EndToEndID: "08-05-2024 11:02 0050001234567890",
					DedupKey: "e2e:NL68ABNA0517734217:08-05-2024 11:02 0050001234567890:-3950",
				},
				{
					LineNo: 4, Account: abn2, BookingDate: day("2024-05-08"), ValueDate: day("2024-05-08"),
					AmountCents: 5000, Currency: "EUR",
					CounterIBAN: "NL63TRIO0212345678", CounterName: "J. de Vries",
					Description: "Eigen bijdrage workshop",
					DedupKey:    "weak", WeakKey: true,
				},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			got, err := ParseCSV(fixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got.Lines = weakKeys(t, got.Lines)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statement (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCSVBad edits the good fixtures into bad ones.
func TestCSVBad(t *testing.T) {
	t.Parallel()
	ing := string(fixture(t, "ing.csv"))
	rabo := string(fixture(t, "rabobank.csv"))
	abn := string(fixture(t, "abnamro.tab"))
	tests := []struct {
		name     string
		doc      string
		old, new string
		want     []LineError
	}{
		{"ING Bij with a negative amount", ing, `"Bij";"750,00"`, `"Bij";"-750,00"`, []LineError{
			{LineNo: 1, Reason: `the amount "-750,00" has a sign, but the Af Bij column (Bij) already gives the direction`},
		}},
		{"ING unknown direction", ing, `"Bij";"750,00"`, `"Credit";"750,00"`, []LineError{
			{LineNo: 1, Reason: `the Af Bij column says "Credit" instead of Af or Bij`},
		}},
		{"ING zero amount", ing, `"Af";"23,87"`, `"Af";"0,00"`, []LineError{
			{LineNo: 2, Reason: "the amount is zero"},
		}},
		{"ING non-numeric amount", ing, `"Af";"23,87"`, `"Af";"23 euro"`, []LineError{
			{LineNo: 2, Reason: `the amount "23 euro" is not a number`},
		}},
		{"ING missing date", ing, `"20240311";"Albert Heijn 1234"`, `"";"Albert Heijn 1234"`, []LineError{
			{LineNo: 2, Reason: "the date is missing"},
		}},
		{"ING bad own IBAN", ing, `"20240311";"Albert Heijn 1234";"NL20INGB0001234567"`, `"20240311";"Albert Heijn 1234";"NL20INGB0001234568"`, []LineError{
			{LineNo: 2, Reason: "the account NL20INGB0001234568 is not a valid IBAN"},
		}},
		{"ING bad balance", ing, `"1644,41"`, `"1644,41x"`, []LineError{
			{LineNo: 2, Reason: `balance after the transaction: the amount "1644,41x" is not a number`},
		}},
		{"ING header not recognised", ing, `"Af Bij";`, `"Richting";`, []LineError{
			{LineNo: 0, Reason: "the CSV header is not that of an ING or Rabobank export, nor is it an ABN AMRO TXT export"},
		}},
		{"ING malformed quotes", ing, `"Gemeente Voorbeeldstad";`, `"Gemeente "Voorbeeldstad";`, []LineError{
			{LineNo: 0, Reason: `the CSV is malformed at line 2 of the file: extraneous or missing " in quoted-field`},
		}},
		{"Rabobank USD", rabo, `"NL44RABO0123456789","EUR","RABONL2U","000000000000000736"`, `"NL44RABO0123456789","USD","RABONL2U","000000000000000736"`, []LineError{
			{LineNo: 2, Reason: `only EUR statements are supported (this line is in "USD")`},
		}},
		{"Rabobank three decimals", rabo, `"-42,35"`, `"-42,355"`, []LineError{
			{LineNo: 2, Reason: `the amount "-42,355" has more than 2 decimals`},
		}},
		{"Rabobank bad counterparty IBAN", rabo, `"NL39RABO0300065264"`, `"NL39RABO0300065265"`, []LineError{
			{LineNo: 2, Reason: "the counterparty IBAN NL39RABO0300065265 is not valid (its check digits are wrong)"},
		}},
		{"Rabobank impossible date", rabo, `"2024-04-02","2024-04-02"`, `"2024-04-31","2024-04-02"`, []LineError{
			{LineNo: 1, Reason: `the date "2024-04-31" does not exist`},
		}},
		{"Rabobank missing Volgnr", rabo, `"000000000000000112"`, `""`, []LineError{
			{LineNo: 3, Reason: "the sequence number (Volgnr) is missing"},
		}},
		{"Rabobank cut off", rabo, `"Hema Voorbeeldstad","Pasnr. 123","","","","",""`, `"Hema Voorbeeldstad"`, []LineError{
			{LineNo: 5, Reason: "the row has 20 columns instead of 26 (is the file cut off or edited?)"},
		}},
		{"ABN AMRO balance mismatch", abn, "1475,00\t1435,50", "1475,00\t1435,00", []LineError{
			{LineNo: 3, Reason: "the amount -39.50 EUR does not take the balance from 1475.00 EUR to 1435.00 EUR"},
		}},
		{"ABN AMRO cut off", abn, "\t50,00\tSEPA", "\t50,00SEPA", []LineError{
			{LineNo: 4, Reason: "the line has 7 columns instead of 8 (is the file cut off or edited?)"},
		}},
		{"ABN AMRO bad counterparty IBAN", abn, "IBAN/NL68SNSB0901234567", "IBAN/NL68SNSB0901234568", []LineError{
			{LineNo: 2, Reason: "the counterparty IBAN NL68SNSB0901234568 is not valid (its check digits are wrong)"},
		}},
		{"ABN AMRO impossible date", abn, "20240506\t1250,00", "20240532\t1250,00", []LineError{
			{LineNo: 1, Reason: `the transaction date "20240532" does not exist`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkRefused(t, ParseCSV, tt.doc, tt.old, tt.new, tt.want)
		})
	}
}

func TestCSVMissingColumns(t *testing.T) {
	t.Parallel()
	doc := "\"Datum\";\"Naam / Omschrijving\";\"Tegenrekening\";\"Af Bij\";\"Mededelingen\"\n\"20240101\";\"x\";\"\";\"Af\";\"\"\n"
	_, err := ParseCSV([]byte(doc))
	want := []LineError{{LineNo: 0, Reason: "the ING header lacks the column(s) Rekening, Bedrag (EUR)"}}
	if diff := cmp.Diff(want, parseErrors(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestCSVUnbrokenChainOnly(t *testing.T) {
	t.Parallel()
	// Drop the middle line of ing.csv, as a filtered export would: the
	// balances no longer connect, so the statement has none, but the file
	// is fine.
	lines := strings.Split(string(fixture(t, "ing.csv")), "\n")
	doc := strings.Join(append(lines[:3:3], lines[4:]...), "\n")
	st, err := ParseCSV([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if st.HasBalances || len(st.Lines) != 4 {
		t.Errorf("HasBalances=%v with %d lines, want false with 4", st.HasBalances, len(st.Lines))
	}
}

func TestParseNarrative(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want narrative
	}{
		{"ING CNTP", "/EREF/E1//CNTP/NL68SNSB0901234567/SNSBNL2A/Stichting X///REMI/USTD//Text here/",
			narrative{counterIBAN: "NL68SNSB0901234567", counterName: "Stichting X", description: "Text here", endToEndID: "E1"}},
		{"ING BENM wrapped key", "/BENM/NL50INGB0001234567/INGBNL2A/ING Bank N.V. inzake WeB///CSID/NL32ZZZ999999991234//MARF/EV45451//EREF/EV45451REP170112T1106//REMI/USTD//EV45451REP170112T1106/",
			narrative{counterIBAN: "NL50INGB0001234567", counterName: "ING Bank N.V. inzake WeB", description: "EV45451REP170112T1106", endToEndID: "EV45451REP170112T1106"}},
		{"Rabobank ORDP NAME", "/EREF/X//ORDP//NAME/A. Yilmaz/REMI/Contributie/ISDT/2024-01-02",
			narrative{counterName: "A. Yilmaz", description: "Contributie", endToEndID: "X"}},
		{"ABN TRTP", "/TRTP/SEPA Incasso algemeen doorlopend/CSID/NL00ZZZ123456789012/NAME/Albert Heijn B.V./MARF/AH01/REMI/Boodschappen/IBAN/NL86INGB0002445588/BIC/INGBNL2A/EREF/AB0123456789   ",
			narrative{counterIBAN: "NL86INGB0002445588", counterName: "Albert Heijn B.V.", description: "Boodschappen", endToEndID: "AB0123456789"}},
		{"structured reference", "/REMI/STRD/CUR/1234567890123456/",
			narrative{description: "1234567890123456"}},
		{"no REMI", "/PREF/M0001//BUSP/Verzamel Eurobetaling/",
			narrative{description: "Verzamel Eurobetaling"}},
		{"ABN labelled, glued labels", "SEPA Incasso algemeen doorlopend Incassant: GB98NFXSDDCHAS01234567890123  Naam: NETFLIX INTERNATIONAL B.V.Machtiging: DD-0123 Omschrijving: Netflix Monthly   IBAN: LU280019400644750000 Kenmerk: NOTPROVIDED",
			narrative{counterIBAN: "LU280019400644750000", counterName: "NETFLIX INTERNATIONAL B.V.", description: "Netflix Monthly"}},
		{"labelled without Omschrijving", "SEPA Overboeking                 IBAN: NL01ABNA0123456789        BIC: ABNANL2A                    Naam: J SMITH",
			narrative{counterIBAN: "NL01ABNA0123456789", counterName: "J SMITH", description: "SEPA Overboeking"}},
		{"free text", "  BEA   NR:A1B23C   30.12.21/09.15 Hema  ",
			narrative{description: "BEA NR:A1B23C 30.12.21/09.15 Hema"}},
		{"slash text that is not structured", "/ some text",
			narrative{description: "/ some text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := parseNarrative(tt.in)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(narrative{})); diff != "" {
				t.Errorf("parseNarrative (-want +got):\n%s", diff)
			}
		})
	}
}
