package bank

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMT940(t *testing.T) {
	t.Parallel()
	const ing, rabo = "NL20INGB0001234567", "NL44RABO0123456789"
	tests := []struct {
		file string
		want Statement
	}{
		{"mt940_ing.sta", Statement{
			Format: FormatMT940, Account: ing, OpeningCents: 200000, ClosingCents: 187505, HasBalances: true,
			Lines: []Line{
				{
					LineNo: 1, Account: ing, BookingDate: day("2024-03-04"), ValueDate: day("2024-03-04"),
					AmountCents: 25000, Currency: "EUR",
					CounterIBAN: "NL68SNSB0901234567", CounterName: "Stichting Buurtfonds De Linde",
					Description: "Bijdrage wijkfeest 2024",
					BankRef:     "ING240304000001", EndToEndID: "FONDS-2024-0311",
					DedupKey: "e2e:NL20INGB0001234567:FONDS-2024-0311:25000",
				},
				{
					LineNo: 2, Account: ing, BookingDate: day("2024-03-04"), ValueDate: day("2024-03-04"),
					AmountCents: -8995, Currency: "EUR",
					CounterIBAN: "NL44ASNB0708123456", CounterName: "Cafe De Hoek",
					Description: "Zaalhuur bewonersavond 28 februari",
					BankRef:     "ING240304000002", EndToEndID: "", // NOTPROVIDED
					DedupKey: "ref:NL20INGB0001234567:ING240304000002",
				},
				{
					LineNo: 3, Account: ing, BookingDate: day("2024-03-05"), ValueDate: day("2024-03-05"),
					AmountCents: -30000, Currency: "EUR",
					Description: "TOTAAL 2 POSTEN", // a batch: one line in MT940
					BankRef:     "ING240305000003",
					DedupKey:    "ref:NL20INGB0001234567:ING240305000003",
				},
				{
					LineNo: 4, Account: ing, BookingDate: day("2024-03-05"), ValueDate: day("2024-03-05"),
					AmountCents: 1500, Currency: "EUR",
					CounterIBAN: "NL71INGB0009876543", CounterName: "M. Jansen",
					Description: "1234567890123456", // /REMI/STRD/CUR/...
					BankRef:     "ING240305000004", EndToEndID: "TIKKIE-8842",
					DedupKey: "e2e:NL20INGB0001234567:TIKKIE-8842:1500",
				},
			},
		}},
		{"mt940_rabobank.sta", Statement{
			Format: FormatMT940, Account: rabo, OpeningCents: 120000, ClosingCents: 6577, HasBalances: true,
			Lines: []Line{
				{
					// Value date 31 December, booked 2 January: the entry date
					// MMDD takes the next year.
					LineNo: 1, Account: rabo, BookingDate: day("2024-01-02"), ValueDate: day("2023-12-31"),
					AmountCents: 317, Currency: "EUR",
					Description: "Rente 4e kwartaal 2023",
					DedupKey:    "weak", WeakKey: true,
				},
				{
					LineNo: 2, Account: rabo, BookingDate: day("2024-01-02"), ValueDate: day("2024-01-02"),
					AmountCents: 15000, Currency: "EUR",
					CounterIBAN: "NL93RABO0987654321", CounterName: "A. Yilmaz", // IBAN from the :61: second line
					Description: "Contributie bewonersvereniging 2024",
					BankRef:     "RABO2401020000512", EndToEndID: "LID-2024-001",
					DedupKey: "e2e:NL44RABO0123456789:LID-2024-001:15000",
				},
				{
					LineNo: 3, Account: rabo, BookingDate: day("2024-01-02"), ValueDate: day("2024-01-02"),
					AmountCents: -6240, Currency: "EUR",
					CounterIBAN: "NL39RABO0300065264", CounterName: "Bakkerij Het Volkoren",
					Description: "Oliebollen nieuwjaarsreceptie factuur 2024-0007", // wrapped inside /REMI/
					BankRef:     "RABO2401020000513", EndToEndID: "240102-BAKKERIJ-77",
					DedupKey: "e2e:NL44RABO0123456789:240102-BAKKERIJ-77:-6240",
				},
				{
					// RD: reversal of a debit, money comes back.
					LineNo: 4, Account: rabo, BookingDate: day("2024-01-02"), ValueDate: day("2024-01-02"),
					AmountCents: 2500, Currency: "EUR",
					CounterIBAN: "NL60KNAB0255512345", CounterName: "Stichting Speeltuin Noord",
					Description: "Storno incasso december",
					BankRef:     "RABO2401020000514", EndToEndID: "INC-2023-12-0042",
					DedupKey: "e2e:NL44RABO0123456789:INC-2023-12-0042:2500",
				},
				{
					LineNo: 5, Account: rabo, BookingDate: day("2024-01-03"), ValueDate: day("2024-01-03"),
					AmountCents: -125000, Currency: "EUR",
					CounterIBAN: "NL16BUNQ2034567890", CounterName: "Drukkerij Blauw",
					Description: "Wijkkrant januari 2024 drukwerk 1.500 ex.",
					BankRef:     "RABO2401030000520", EndToEndID: "WIJK-2024-INV-003",
					DedupKey: "e2e:NL44RABO0123456789:WIJK-2024-INV-003:-125000",
				},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			got, err := ParseMT940(fixture(t, tt.file))
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

// abnMT940 is an ABN AMRO MT940 export: a domestic account number in :25:,
// the bank named in the envelope, labelled and /TRTP/ :86: fields.
const abnMT940 = `ABNANL2A
940
ABNANL2A
:20:ABN AMRO BANK NV
:25:517734217
:28:13501/1
:60F:C240506EUR1250,00
:61:2405060506D25,00N426NONREF
:86:BEA   NR:AB12CD   06.05.24/10.15 HEMA VOORBEELDSTAD,PAS123
:61:2405070507C250,00N654NONREF
:86:/TRTP/SEPA OVERBOEKING/IBAN/NL68SNSB0901234567/BIC/SNSBNL2A/NAME/
Stichting Buurtfonds De Linde/REMI/Bijdrage Koningsdag buurtfeest/EREF
/FONDS-2024-0502
:61:2405080508D39,50N658NONREF
:86:SEPA Overboeking                 IBAN: NL39RABO0300065264
BIC: RABONL2U                    Naam: Bakkerij Het Volkoren
Omschrijving: Factuur 2024-0231
:62F:C240508EUR1435,50
-
`

func TestParseMT940ABNAMRO(t *testing.T) {
	t.Parallel()
	const abn = "NL68ABNA0517734217"
	got, err := ParseMT940([]byte(abnMT940))
	if err != nil {
		t.Fatal(err)
	}
	want := Statement{
		Format: FormatMT940, Account: abn, OpeningCents: 125000, ClosingCents: 143550, HasBalances: true,
		Lines: []Line{
			{
				LineNo: 1, Account: abn, BookingDate: day("2024-05-06"), ValueDate: day("2024-05-06"),
				AmountCents: -2500, Currency: "EUR",
				Description: "BEA NR:AB12CD 06.05.24/10.15 HEMA VOORBEELDSTAD,PAS123",
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
				Description: "Factuur 2024-0231",
				DedupKey:    "weak", WeakKey: true,
			},
		},
	}
	got.Lines = weakKeys(t, got.Lines)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statement (-want +got):\n%s", diff)
	}
}

// TestMT940Bad edits the good fixtures into bad ones.
func TestMT940Bad(t *testing.T) {
	t.Parallel()
	ing := string(fixture(t, "mt940_ing.sta"))
	rabo := string(fixture(t, "mt940_rabobank.sta"))
	tests := []struct {
		name     string
		doc      string
		old, new string
		want     []LineError
	}{
		{"unbalanced", ing, ":62F:C240304EUR2160,05", ":62F:C240304EUR2160,50", []LineError{
			{LineNo: 0, Reason: "statement 1: the opening balance 2000.00 EUR plus the entries (160.05 EUR) does not equal the closing balance 2160.50 EUR"},
		}},
		{"three decimals", ing, "D89,95NTRF", "D89,955NTRF", []LineError{
			{LineNo: 2, Reason: `the amount "89,955" has more than 2 decimals`},
		}},
		{"signed amount", ing, "D89,95NTRF", "D-89,95NTRF", []LineError{
			{LineNo: 2, Reason: `the amount "-89,95" has a sign, but MT940 gives the direction by C or D`},
		}},
		{"zero amount", rabo, "C3,17N500", "C0,00N500", []LineError{
			{LineNo: 1, Reason: "the amount is zero"},
		}},
		{"impossible value date", rabo, ":61:240103D", ":61:240230D", []LineError{
			{LineNo: 5, Reason: `the value date "240230" does not exist`},
		}},
		{"impossible entry date", ing, "2403050305C15,00", "2403050230C15,00", []LineError{
			{LineNo: 4, Reason: `the entry date "0230" does not exist`},
		}},
		{"not an entry", ing, ":61:2403050305C15,00NTRF", ":61:C15,00NTRF", []LineError{
			{LineNo: 4, Reason: `the :61: field "C15,00NTRFEREF//ING240305000004" is not an MT940 entry (date, C or D, amount, type, reference)`},
		}},
		{"bad counterparty IBAN", rabo, "NL39RABO0300065264", "NL38RABO0300065264", []LineError{
			{LineNo: 3, Reason: "the counterparty IBAN NL38RABO0300065264 is not valid (its check digits are wrong)"},
		}},
		{"bad own IBAN", ing, ":25:NL20INGB0001234567EUR\r\n:28C:00064", ":25:NL21INGB0001234567EUR\r\n:28C:00064", []LineError{
			{LineNo: 0, Reason: "statement 1: the account NL21INGB0001234567 is not a valid IBAN"},
		}},
		{"USD account", rabo, ":25:NL44RABO0123456789 EUR\n:28C:24002", ":25:NL44RABO0123456789 USD\n:28C:24002", []LineError{
			{LineNo: 0, Reason: "statement 2: only EUR statements are supported (the account is in USD)"},
		}},
		{"USD balance", rabo, ":60F:C231229EUR1200,00", ":60F:C231229USD1200,00", []LineError{
			{LineNo: 0, Reason: "statement 1: opening balance (:60F:): only EUR statements are supported (the balance is in USD)"},
		}},
		{"no opening balance", rabo, ":60F:C231229EUR1200,00\n", "", []LineError{
			{LineNo: 0, Reason: "statement 1 has no opening balance (:60F:)"},
		}},
		{"no account", rabo, ":25:NL44RABO0123456789 EUR\n:28C:24001\n", "", []LineError{
			{LineNo: 0, Reason: "statement 1: the account (:25:) is missing"},
		}},
		{"entry after closing", rabo, ":62F:C240102EUR1315,77\n", ":62F:C240102EUR1315,77\n:61:240102C1,00N541NONREF\n", []LineError{
			{LineNo: 5, Reason: "the entry comes after the closing balance of its statement"},
			{LineNo: 0, Reason: "statement 1: the opening balance 1200.00 EUR plus the entries (116.77 EUR) does not equal the closing balance 1315.77 EUR"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkRefused(t, ParseMT940, tt.doc, tt.old, tt.new, tt.want)
		})
	}
}

func TestMT940NoEntries(t *testing.T) {
	t.Parallel()
	doc := ":20:X\n:25:NL44RABO0123456789 EUR\n:28C:1\n:60F:C240101EUR10,00\n:62F:C240101EUR10,00\n"
	_, err := ParseMT940([]byte(doc))
	if diff := cmp.Diff([]LineError{{LineNo: 0, Reason: "the file has no entries"}}, parseErrors(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestMT940BareAccountWithoutBank(t *testing.T) {
	t.Parallel()
	doc := strings.Replace(abnMT940, "ABNANL2A", "XXXXXXXX", -1)
	_, err := ParseMT940([]byte(doc))
	want := []LineError{{LineNo: 0, Reason: "statement 1: the account 517734217 is not an IBAN and the file does not say which bank it is at"}}
	if diff := cmp.Diff(want, parseErrors(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
