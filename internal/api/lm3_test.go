package api

import (
	"encoding/json"
	"strings"
	"testing"
)

// lm3Example is the example of issue 4: R1 €10,000; local suppliers €4,000
// re-spending 40% locally, local staff €3,000 re-spending 50%, €3,000 spent
// outside the wijk: LM3 = 2.01.
const lm3Example = `{"r1":1000000,"spends":[` +
	`{"amount":400000,"local":true,"respend_percent":40},` +
	`{"amount":300000,"local":true,"respend_percent":50},` +
	`{"amount":300000,"local":false}]}`

func TestLM3(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "POST", "/api/v1/lm3", anon, strings.NewReader(lm3Example))
	if rec.Code != 200 {
		t.Fatalf("status=%d, want 200; body %s", rec.Code, rec.Body.String())
	}
	var got lm3JSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := lm3JSON{R1: moneyJSON{1000000, "10000.00"}, R2: moneyJSON{700000, "7000.00"}, R3: moneyJSON{310000, "3100.00"}, LM3: 2.01,
		Leak: moneyJSON{300000, "3000.00"}, LeakRound3: moneyJSON{390000, "3900.00"}}
	if got != want {
		t.Errorf("LM3=%+v, want %+v", got, want)
	}
	if !strings.Contains(rec.Body.String(), `"lm3":2.01,`) {
		t.Errorf("body %s does not hold \"lm3\":2.01", rec.Body.String())
	}
}

func TestLM3BadInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name, body string
		wantFields []string
	}{
		{"no income", `{"spends":[]}`, []string{`"r1":"error.positive"`}},
		{"negative income", `{"r1":-5}`, []string{`"r1":"error.positive"`}},
		{"negative spend", `{"r1":100,"spends":[{"amount":-1}]}`, []string{`"spends[0].amount":"error.not_negative"`}},
		{"percentage over 100", `{"r1":100,"spends":[{"amount":10},{"amount":10,"local":true,"respend_percent":101}]}`, []string{`"spends[1].respend_percent":"error.range"`}},
		{"spends over the income", `{"r1":100,"spends":[{"amount":60},{"amount":60}]}`, []string{`"spends":"error.spend_exceeds_income"`}},
		{"amount as a decimal", `{"r1":100.5}`, []string{`"r1":"error.type"`}},
		{"unknown field", `{"r1":100,"r2":5}`, []string{`"r2":"error.unknown_field"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := f.do(t, "POST", "/api/v1/lm3", anon, strings.NewReader(tt.body))
			if rec.Code != 400 {
				t.Fatalf("status=%d, want 400; body %s", rec.Code, rec.Body.String())
			}
			checkErrorBody(t, rec)
			for _, want := range tt.wantFields {
				if !strings.Contains(rec.Body.String(), want) {
					t.Errorf("body %s does not hold %s", rec.Body.String(), want)
				}
			}
		})
	}
}
