package bank

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCAMT053(t *testing.T) {
	t.Parallel()
	const rabo, ing = "NL44RABO0123456789", "NL20INGB0001234567"
	tests := []struct {
		file string
		want Statement
	}{
		{"camt053_v02.xml", Statement{
			Format: FormatCAMT053, Account: rabo, OpeningCents: 150000, ClosingCents: 183450, HasBalances: true,
			Lines: []Line{
				{
					LineNo: 1, Account: rabo, BookingDate: day("2024-03-01"), ValueDate: day("2024-03-01"),
					AmountCents: 50000, Currency: "EUR",
					CounterIBAN: "NL36INGB0007654321", CounterName: "Gemeente Voorbeeldstad",
					Description: "Subsidie buurtmoestuin 2024 termijn 1",
					BankRef:     "RABO0000000000001101", EndToEndID: "GEM-SUB-2024-017",
					DedupKey: "e2e:NL44RABO0123456789:GEM-SUB-2024-017:50000",
				},
				{
					LineNo: 2, Account: rabo, BookingDate: day("2024-03-01"), ValueDate: day("2024-03-01"),
					AmountCents: -4550, Currency: "EUR",
					CounterIBAN: "NL39RABO0300065264", CounterName: "Bakkerij Het Volkoren",
					Description: "Koffie en gebak buurtavond",
					BankRef:     "RABO0000000000001102", EndToEndID: "", // NOTPROVIDED
					DedupKey: "ref:NL44RABO0123456789:RABO0000000000001102",
				},
				{
					LineNo: 3, Account: rabo, BookingDate: day("2024-03-01"),
					AmountCents: -7000, Currency: "EUR",
					CounterIBAN: "NL63TRIO0212345678", CounterName: "J. de Vries",
					Description: "Declaratie verf speeltuin",
					BankRef:     "RABO0000000000001103", EndToEndID: "WIJK-VB-0042",
					DedupKey: "e2e:NL44RABO0123456789:WIJK-VB-0042:-7000",
				},
				{
					LineNo: 3, Account: rabo, BookingDate: day("2024-03-01"),
					AmountCents: -5000, Currency: "EUR",
					CounterIBAN: "NL16BUNQ2034567890", CounterName: "Drukkerij Blauw",
					Description: "Flyers wijkfeest",
					BankRef:     "RABO0000000000001103", EndToEndID: "WIJK-VB-0043",
					DedupKey: "e2e:NL44RABO0123456789:WIJK-VB-0043:-5000",
				},
				// Entry 4 is pending (PDNG): not a line.
			},
		}},
		{"camt053_v08.xml", Statement{
			Format: FormatCAMT053, Account: ing, OpeningCents: 200000, ClosingCents: 187505, HasBalances: true,
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
					CounterIBAN: "NL44ASNB0708123456", CounterName: "Café De Hoek",
					Description: "Zaalhuur bewonersavond 28 februari",
					BankRef:     "ING240304000002",
					DedupKey:    "ref:NL20INGB0001234567:ING240304000002",
				},
				{
					LineNo: 3, Account: ing, BookingDate: day("2024-03-05"), ValueDate: day("2024-03-05"),
					AmountCents: -18000, Currency: "EUR",
					CounterIBAN: "NL93RABO0987654321", CounterName: "A. Yilmaz",
					Description: "Vrijwilligersvergoeding maart",
					BankRef:     "ING240305000003", EndToEndID: "BATCH-0305-1",
					DedupKey: "e2e:NL20INGB0001234567:BATCH-0305-1:-18000",
				},
				{
					LineNo: 3, Account: ing, BookingDate: day("2024-03-05"), ValueDate: day("2024-03-05"),
					AmountCents: -12000, Currency: "EUR",
					CounterIBAN: "NL02ABNA0123456789", CounterName: "K. Bakker",
					Description: "Vrijwilligersvergoeding maart",
					BankRef:     "ING240305000003", EndToEndID: "BATCH-0305-2",
					DedupKey: "e2e:NL20INGB0001234567:BATCH-0305-2:-12000",
				},
				{
					LineNo: 4, Account: ing, BookingDate: day("2024-03-05"), ValueDate: day("2024-03-05"),
					AmountCents: 1500, Currency: "EUR",
					CounterIBAN: "NL71INGB0009876543", CounterName: "M. Jansen",
					Description: "1234567890123456", // structured creditor reference
					BankRef:     "ING240305000004", EndToEndID: "TIKKIE-8842",
					DedupKey: "e2e:NL20INGB0001234567:TIKKIE-8842:1500",
				},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			got, err := ParseCAMT053(fixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statement (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCAMT053Versions checks that every version from 001.02 to 001.10 is
// read (the element paths are the same) and others are refused.
func TestCAMT053Versions(t *testing.T) {
	t.Parallel()
	v08 := string(fixture(t, "camt053_v08.xml"))
	for _, v := range []string{"02", "03", "04", "05", "06", "07", "08", "09", "10"} {
		doc := strings.Replace(v08, "camt.053.001.08", "camt.053.001."+v, 1)
		st, err := ParseCAMT053([]byte(doc))
		if err != nil || len(st.Lines) != 5 {
			t.Errorf("version %s: %d lines, %v; want 5 lines", v, len(st.Lines), err)
		}
	}
	for _, ns := range []string{"camt.053.001.01", "camt.053.001.11", "camt.052.001.08", "camt.053.001.8"} {
		doc := strings.Replace(v08, "camt.053.001.08", ns, 1)
		if _, err := ParseCAMT053([]byte(doc)); err == nil || !strings.Contains(err.Error(), "not a CAMT.053 statement of version 001.02 to 001.10") {
			t.Errorf("namespace %s: err=%v, want refusal", ns, err)
		}
	}
}

// TestCAMT053Bad edits the good fixtures into bad ones and checks that the
// whole file is refused with a reason per bad entry.
func TestCAMT053Bad(t *testing.T) {
	t.Parallel()
	v02 := string(fixture(t, "camt053_v02.xml"))
	v08 := string(fixture(t, "camt053_v08.xml"))
	tests := []struct {
		name     string
		doc      string
		old, new string
		want     []LineError
	}{
		{"three decimals", v02, `<Amt Ccy="EUR">45.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>`, `<Amt Ccy="EUR">45.505</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>`, []LineError{
			{LineNo: 2, Reason: `the amount "45.505" has more than 2 decimals`},
		}},
		{"negative amount", v02, `<Amt Ccy="EUR">45.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>`, `<Amt Ccy="EUR">-45.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>`, []LineError{
			{LineNo: 2, Reason: `the amount "-45.50" is negative: CAMT amounts are unsigned and CdtDbtInd gives the direction`},
		}},
		{"zero amount", v02, `<Amt Ccy="EUR">500.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>`, `<Amt Ccy="EUR">0.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>`, []LineError{
			{LineNo: 1, Reason: "the amount is zero"},
		}},
		{"bad indicator", v02, `<Amt Ccy="EUR">500.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>`, `<Amt Ccy="EUR">500.00</Amt>
        <CdtDbtInd>CREDIT</CdtDbtInd>`, []LineError{
			{LineNo: 1, Reason: `the credit/debit indicator "CREDIT" is neither CRDT nor DBIT`},
		}},
		{"missing booking date", v02, `<BookgDt>
          <Dt>2024-03-01</Dt>
        </BookgDt>
        <ValDt>
          <Dt>2024-03-01</Dt>
        </ValDt>
        <AcctSvcrRef>RABO0000000000001101</AcctSvcrRef>`, `<ValDt>
          <Dt>2024-03-01</Dt>
        </ValDt>
        <AcctSvcrRef>RABO0000000000001101</AcctSvcrRef>`, []LineError{
			{LineNo: 1, Reason: "the booking date is missing"},
		}},
		{"bad counterparty IBAN", v02, "NL63TRIO0212345678", "NL64TRIO0212345678", []LineError{
			{LineNo: 3, Reason: "transaction 1 of the batch: the counterparty IBAN NL64TRIO0212345678 is not valid (its check digits are wrong)"},
		}},
		{"bad own IBAN", v02, "<IBAN>NL44RABO0123456789</IBAN>", "<IBAN>NL45RABO0123456789</IBAN>", []LineError{
			{LineNo: 0, Reason: "statement 1 (RABO-20240301-NL44RABO0123456789): the account NL45RABO0123456789 is not a valid IBAN"},
		}},
		{"batch does not add up", v02, `<Amt Ccy="EUR">50.00</Amt>`, `<Amt Ccy="EUR">55.00</Amt>`, []LineError{
			{LineNo: 3, Reason: "the transactions of the batch add up to -125.00 EUR, not to the entry amount -120.00 EUR"},
		}},
		{"no status", v08, `<Sts>
          <Cd>BOOK</Cd>
        </Sts>
        <BookgDt>
          <Dt>2024-03-04</Dt>`, `<BookgDt>
          <Dt>2024-03-04</Dt>`, []LineError{
			{LineNo: 2, Reason: "the entry has no status (expected BOOK, PDNG or INFO)"},
		}},
		{"second statement unbalanced", v08, `<Amt Ccy="EUR">1875.05</Amt>`, `<Amt Ccy="EUR">1875.50</Amt>`, []LineError{
			{LineNo: 0, Reason: "statement 2 (ING-20240305-0001): the opening balance 2160.05 EUR plus the booked entries (-285.00 EUR) does not equal the closing balance 1875.50 EUR"},
		}},
		{"balance in USD", v08, `<Amt Ccy="EUR">1875.05</Amt>`, `<Amt Ccy="USD">1875.05</Amt>`, []LineError{
			{LineNo: 0, Reason: "statement 2 (ING-20240305-0001): only EUR statements are supported (the CLBD balance is in USD)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkRefused(t, ParseCAMT053, tt.doc, tt.old, tt.new, tt.want)
		})
	}
}

func TestCAMT053Malformed(t *testing.T) {
	t.Parallel()
	v02 := string(fixture(t, "camt053_v02.xml"))
	tests := []struct {
		name, doc, want string
	}{
		{"impossible date", strings.Replace(v02, "<Dt>2024-03-01</Dt>\n        </BookgDt>", "<Dt>2024-02-30</Dt>\n        </BookgDt>", 1), `entry 1: the booking date "2024-02-30" does not exist`},
		{"garbled XML", strings.Replace(v02, "<Stmt>", "<Stmt><<", 1), "the file is not valid XML: line 8"},
		{"mismatched tags", strings.Replace(v02, "<Ntry>", "<Entry>", 1), "the file is not valid XML"},
		{"only pending", onlyPending(v02), "the file has no entries"},
		{"empty", "", "the file has no entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseCAMT053([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err=%v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// onlyPending marks every entry of doc as pending and drops the balances.
func onlyPending(doc string) string {
	doc = strings.ReplaceAll(doc, "<Sts>BOOK</Sts>", "<Sts>PDNG</Sts>")
	return strings.ReplaceAll(doc, "<Cd>CLBD</Cd>", "<Cd>CLAV</Cd>")
}

// TestCAMT053Windows1252 checks a file that declares, and is in, Windows-1252.
func TestCAMT053Windows1252(t *testing.T) {
	t.Parallel()
	doc := strings.Replace(string(fixture(t, "camt053_v08.xml")), `encoding="UTF-8"`, `encoding="windows-1252"`, 1)
	doc = strings.Replace(doc, "Café", "Caf\xe9", 1)
	st, err := ParseCAMT053([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Lines[1].CounterName; got != "Café De Hoek" {
		t.Errorf("CounterName=%q, want %q", got, "Café De Hoek")
	}
}

// TestCAMT053UnsplitBatch checks that a batch whose transactions carry no
// amounts stays one line with the entry's amount.
func TestCAMT053UnsplitBatch(t *testing.T) {
	t.Parallel()
	doc := string(fixture(t, "camt053_v02.xml"))
	for _, a := range []string{"70.00", "50.00"} {
		doc = strings.Replace(doc, `<AmtDtls>
              <TxAmt>
                <Amt Ccy="EUR">`+a+`</Amt>
              </TxAmt>
            </AmtDtls>`, "", 1)
	}
	st, err := ParseCAMT053([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := Line{
		LineNo: 3, Account: "NL44RABO0123456789", BookingDate: day("2024-03-01"),
		AmountCents: -12000, Currency: "EUR",
		Description: "Verzamelbetaling WIJK-BATCH-2024-009",
		BankRef:     "RABO0000000000001103",
		DedupKey:    "ref:NL44RABO0123456789:RABO0000000000001103",
	}
	if len(st.Lines) != 3 {
		t.Fatalf("got %d lines, want 3", len(st.Lines))
	}
	if diff := cmp.Diff(want, st.Lines[2]); diff != "" {
		t.Errorf("batch line (-want +got):\n%s", diff)
	}
}

// TestCAMT053BatchWithoutEndToEnd checks that the transactions of a batch
// without end-to-end ids get distinct keys from the shared entry reference.
func TestCAMT053BatchWithoutEndToEnd(t *testing.T) {
	t.Parallel()
	doc := string(fixture(t, "camt053_v02.xml"))
	doc = strings.Replace(doc, "<EndToEndId>WIJK-VB-0042</EndToEndId>", "<EndToEndId>NOTPROVIDED</EndToEndId>", 1)
	doc = strings.Replace(doc, "<EndToEndId>WIJK-VB-0043</EndToEndId>", "", 1)
	st, err := ParseCAMT053([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{st.Lines[2].DedupKey, st.Lines[3].DedupKey}
	want := []string{"ref:NL44RABO0123456789:RABO0000000000001103#1", "ref:NL44RABO0123456789:RABO0000000000001103#2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}
