package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestExportIsAnAttachment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "GET", "/api/v1/me/export", "procesmanager", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status=%d, want 200", rec.Code)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="wei-export-`) {
		t.Errorf("Content-Disposition=%q, want an attachment", cd)
	}
	var x map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &x); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"exported_at", "account", "resident_records", "memberships", "roles", "api_tokens", "audit_log_about_you"} {
		if x[k] == nil {
			t.Errorf("export has no %s (or null)", k)
		}
	}
}

func TestEraseMeEndsTheToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "DELETE", "/api/v1/me", "procesmanager", strings.NewReader(`{"confirm":true}`))
	if rec.Code != http.StatusNoContent {
		t.Fatalf("erase: status=%d, want 204; body %s", rec.Code, rec.Body.String())
	}
	if rec := f.do(t, "GET", "/api/v1/me", "procesmanager", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("GET /me after erasure: status=%d, want 401", rec.Code)
	}
}
