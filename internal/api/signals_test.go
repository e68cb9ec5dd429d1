package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestSignalsAPI: any account reports a problem by address; the list is for
// those who may see signals and holds no personal data; bad requests get
// the error body with the field in fields.
func TestSignalsAPI(t *testing.T) {
	t.Parallel()
	raw, _ := loadOpenAPI(t)
	f := newFixture(t)
	csv := "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n1011AB;12;BU03630101;WK036301;GM0363\n1011AC;3;BU03630201;WK036302;GM0363\n"
	if _, err := f.s.ImportCBSPostcodes(context.Background(), "pc6hnr20240801_gwb.csv", strings.NewReader(csv), 2024); err != nil {
		t.Fatal(err)
	}
	const url = "/api/v1/wijken/noord/signalen"
	good := `{"theme":"groen","title":"Boom waait bijna om","postcode":"1011 ab","house_number":12,"urgency":"high","note":"Bij de school","reporter_contact":"06-12345678"}`

	for _, tc := range []struct {
		name, actor, body string
		status            int
		code, field       string
	}{
		{"anonymous", anon, good, 401, "unauthorized", ""},
		{"unknown address", "bewoner", `{"theme":"groen","title":"Boom","postcode":"1011AB","house_number":99}`, 400, "invalid", "postcode"},
		{"address in another wijk", "bewoner", `{"theme":"groen","title":"Boom","postcode":"1011AC","house_number":3}`, 400, "invalid", "postcode"},
		{"no location", "bewoner", `{"theme":"groen","title":"Boom"}`, 400, "invalid", "buurt_id"},
		{"buurt of another wijk", "bewoner", `{"theme":"groen","title":"Boom","buurt_id":"{zuid_buurt}"}`, 400, "invalid", "buurt_id"},
		{"unknown theme", "bewoner", `{"theme":"ufo","title":"Boom","buurt_id":"{buurt}"}`, 400, "invalid", "theme"},
		{"half a point", "bewoner", `{"theme":"groen","title":"Boom","lon":4.9}`, 400, "invalid", "point"},
		{"unknown field", "bewoner", `{"theme":"groen","title":"Boom","buurt_id":"{buurt}","name":"Jan"}`, 400, "invalid", "name"},
		{"wrong type", "bewoner", `{"theme":"groen","title":"Boom","house_number":"12"}`, 400, "invalid", "house_number"},
	} {
		rec := f.do(t, "POST", url, tc.actor, strings.NewReader(f.expand(tc.body)))
		checkErrorBody(t, rec)
		if rec.Code != tc.status {
			t.Errorf("%s: status=%d, want %d: %s", tc.name, rec.Code, tc.status, rec.Body.String())
			continue
		}
		var e errorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		if e.Code != tc.code {
			t.Errorf("%s: code=%q, want %q", tc.name, e.Code, tc.code)
		}
		if _, ok := e.Fields[tc.field]; tc.field != "" && !ok {
			t.Errorf("%s: fields=%v, want %q", tc.name, e.Fields, tc.field)
		}
		checkResponseSchema(t, raw, "POST", "/wijken/{wijk}/signalen", rec)
	}

	rec := f.do(t, "POST", url, "bewoner", strings.NewReader(good))
	if rec.Code != http.StatusCreated {
		t.Fatalf("create: status=%d %s", rec.Code, rec.Body.String())
	}
	checkResponseSchema(t, raw, "POST", "/wijken/{wijk}/signalen", rec)
	var created signalJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}
	if created.BuurtID != f.buurt.ID || created.Status != "new" || created.Source != "resident" || created.Urgency != "high" {
		t.Errorf("created=%+v, want Vogelbuurt from the address", created)
	}
	mine, err := f.s.SignalsOfReporter(context.Background(), f.noord.ID, f.actors["bewoner"].User.ID)
	if err != nil || len(mine) != 1 {
		t.Errorf("the bewoner's own signals=%v, %v", mine, err)
	}

	// The list: not for a bewoner; for staff without personal data.
	rec = f.do(t, "GET", url, "bewoner", nil)
	checkErrorBody(t, rec)
	if rec.Code != http.StatusForbidden {
		t.Errorf("bewoner GET: status=%d, want 403", rec.Code)
	}
	rec = f.do(t, "GET", url+"?status=open&theme=groen", "partner", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("partner GET: status=%d %s", rec.Code, rec.Body.String())
	}
	checkResponseSchema(t, raw, "GET", "/wijken/{wijk}/signalen", rec)
	body := rec.Body.String()
	if !strings.Contains(body, "Boom waait bijna om") {
		t.Errorf("list lacks the signal: %s", body)
	}
	for _, secret := range []string{"Bij de school", "06-12345678", "1011", "User bewoner"} {
		if strings.Contains(body, secret) {
			t.Errorf("list gives away %q: %s", secret, body)
		}
	}
	rec = f.do(t, "GET", url+"?status=solved", "voorzitter", nil)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "Boom") {
		t.Errorf("solved filter: %d %s", rec.Code, rec.Body.String())
	}
	rec = f.do(t, "GET", url+"?status=kapot", "voorzitter", nil)
	checkErrorBody(t, rec)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("bad status filter: %d", rec.Code)
	}
	checkResponseSchema(t, raw, "GET", "/wijken/{wijk}/signalen", rec)
	rec = f.do(t, "GET", "/api/v1/wijken/zuid/signalen", "voorzitter", nil)
	if rec.Code != http.StatusForbidden {
		t.Errorf("chair of noord in zuid: %d, want 403", rec.Code)
	}
}
