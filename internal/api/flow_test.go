package api

import (
	"net/http"
	"strings"
	"testing"
)

func TestFlowCSV(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "GET", "/api/v1/wijken/noord/flow.csv?from=2024-01-01&to=2024-12-31", "voorzitter", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status=%d, want 200; body %s", rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type=%q, want text/csv; charset=utf-8", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="wei-flow-noord-2024-01-01-2024-12-31.csv"` {
		t.Errorf("Content-Disposition=%q, want an attachment named after the wijk and period", cd)
	}
	body := rec.Body.String()
	if !strings.HasPrefix(body, "section,phase,from,to,value\n") || !strings.Contains(body, "instroom,informatie,,,1\n") {
		t.Errorf("body is not the figures as CSV:\n%s", body)
	}
	// Errors stay JSON, in the one error shape.
	rec = f.do(t, "GET", "/api/v1/wijken/noord/flow.csv?from=2025-02-01&to=2025-01-01", "voorzitter", nil)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("from > to: status=%d, want 400", rec.Code)
	}
	checkErrorBody(t, rec)
}
