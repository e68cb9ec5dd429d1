package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestOpenAPIResponsesMatchSchemas sends requests to the routes and checks
// each JSON answer against the schema openapi.json documents for it: no
// undocumented fields, no missing required ones, the right JSON types.
func TestOpenAPIResponsesMatchSchemas(t *testing.T) {
	t.Parallel()
	raw, _ := loadOpenAPI(t)
	f := newFixture(t)
	f.addResident(t, "bewoner")
	const w = "/api/v1/wijken/noord"
	tests := []struct {
		step
		path string // the path in openapi.json
	}{
		{step{"GET", "/api/v1/wijken", anon, "", 200, nil, ""}, "/wijken"},
		{step{"GET", w, anon, "", 200, nil, ""}, "/wijken/{wijk}"},
		{step{"GET", w + "/organisations/{org}/members", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/organisations/{id}/members"},
		{step{"GET", w + "/people/{person}", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/people/{id}"},
		{step{"GET", w + "/initiatives", anon, "", 200, nil, ""}, "/wijken/{wijk}/initiatives"},
		{step{"GET", w + "/initiatives/{org}/checklist", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/initiatives/{id}/checklist"},
		{step{"PUT", w + "/initiatives/{org}/checklist/{crit}", "procesmanager", `{"evidence":"Gezien"}`, 200, nil, ""}, "/wijken/{wijk}/initiatives/{id}/checklist/{criterion}"},
		{step{"GET", w + "/initiatives/{org}/checklist", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/initiatives/{id}/checklist"},
		{step{"POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontstaan","expect_seq":1}`, 201, nil, ""}, "/wijken/{wijk}/initiatives/{id}/phase"},
		{step{"POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontstaan","expect_seq":1}`, 409, nil, ""}, "/wijken/{wijk}/initiatives/{id}/phase"},
		{step{"GET", w + "/initiatives/{org}", anon, "", 200, nil, ""}, "/wijken/{wijk}/initiatives/{id}"},
		{step{"POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"deelnemer"}`, 201, nil, "joined"}, "/wijken/{wijk}/initiatives/{id}/join"},
		{step{"POST", w + "/memberships/{joined}/leave", "bewoner", `{"reason":"Verhuisd"}`, 204, nil, ""}, "/wijken/{wijk}/memberships/{id}/leave"},
		{step{"GET", w + "/phase-events", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/phase-events"},
		{step{"GET", w + "/people-events", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/people-events"},
		{step{"GET", w + "/flow?from=2024-01-01&stuck_days=1", "procesmanager", "", 200, nil, ""}, "/wijken/{wijk}/flow"},
		{step{"GET", w + "/flow?from=x", "procesmanager", "", 400, nil, ""}, "/wijken/{wijk}/flow"},
		{step{"POST", w + "/initiatives/{org}/reflections", "initiatiefnemer", `{"participants":["{person}"],"went_well":"a","learned":"b","next_action":"c"}`, 201, nil, ""},
			"/wijken/{wijk}/initiatives/{id}/reflections"},
		{step{"GET", w + "/initiatives/{org}/reflections", "initiatiefnemer", "", 200, nil, ""}, "/wijken/{wijk}/initiatives/{id}/reflections"},
		// The books; the bookings themselves are checked in TestBooks.
		{step{"GET", w + "/ledger", anon, "", 200, nil, ""}, "/wijken/{wijk}/ledger"},
		{step{"GET", w + "/ledger?from=2025-02-01&to=2025-01-01", anon, "", 400, nil, ""}, "/wijken/{wijk}/ledger"},
		{step{"GET", w + "/ledger/accounts", "penningmeester", "", 200, nil, ""}, "/wijken/{wijk}/ledger/accounts"},
		{step{"GET", w + "/ledger/transactions", "voorzitter", "", 200, nil, ""}, "/wijken/{wijk}/ledger/transactions"},
		{step{"GET", w + "/bank/queue", "penningmeester", "", 200, nil, ""}, "/wijken/{wijk}/bank/queue"},
		{step{"POST", "/api/v1/lm3", anon, lm3Example, 200, nil, ""}, "/lm3"},
		{step{"POST", "/api/v1/lm3", anon, `{"r1":0}`, 400, nil, ""}, "/lm3"},
	}
	for _, tt := range tests {
		rec := f.runSteps(t, []step{tt.step})
		checkResponseSchema(t, raw, tt.method, tt.path, rec)
	}
}

// checkResponseSchema checks a JSON answer against the schema openapi.json
// documents for the operation (path as in openapi.json) and its status.
func checkResponseSchema(t testing.TB, raw map[string]any, method, path string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code == 204 {
		return
	}
	resp, _ := resolveRef(raw, "#/paths/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(path)+"/"+strings.ToLower(method)+"/responses/"+strconv.Itoa(rec.Code)).(map[string]any)
	if r, ok := resp["$ref"].(string); ok {
		resp, _ = resolveRef(raw, r).(map[string]any)
	}
	schema, _ := resolveRef(resp, "#/content/application~1json/schema").(map[string]any)
	if schema == nil {
		t.Errorf("%s %s: no JSON schema documented for status %d", method, path, rec.Code)
		return
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	for _, p := range checkSchema(raw, schema, v, "") {
		t.Errorf("%s %s (%d): %s", method, path, rec.Code, p)
	}
}

// checkSchema returns where v does not follow the schema. It knows the
// parts of OpenAPI 3.0 that openapi.json uses: $ref, allOf, object
// properties with required and additionalProperties, arrays, enums,
// nullable and the JSON types.
func checkSchema(doc, schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		s, _ := resolveRef(doc, ref).(map[string]any)
		return checkSchema(doc, s, v, at)
	}
	if at == "" {
		at = "$"
	}
	if v == nil {
		if schema["nullable"] == true {
			return nil
		}
		return []string{at + " is null"}
	}
	var problems []string
	props, required, additional := map[string]map[string]any{}, []string{}, any(nil)
	var collect func(s map[string]any)
	collect = func(s map[string]any) {
		if ref, ok := s["$ref"].(string); ok {
			s, _ = resolveRef(doc, ref).(map[string]any)
		}
		for _, part := range asList(s["allOf"]) {
			collect(part.(map[string]any))
		}
		for k, p := range asMap(s["properties"]) {
			props[k] = p.(map[string]any)
		}
		for _, r := range asList(s["required"]) {
			required = append(required, r.(string))
		}
		if a, ok := s["additionalProperties"]; ok {
			additional = a
		}
	}
	collect(schema)
	if len(asList(schema["allOf"])) > 0 && len(props) == 0 {
		// allOf over a non-object (e.g. an optional enum): check each part.
		for _, part := range asList(schema["allOf"]) {
			problems = append(problems, checkSchema(doc, part.(map[string]any), v, at)...)
		}
		return problems
	}
	if enum := asList(schema["enum"]); len(enum) > 0 && !slices.Contains(enum, v) {
		problems = append(problems, fmt.Sprintf("%s=%v is not one of %v", at, v, enum))
	}
	switch typ, _ := schema["type"].(string); {
	case typ == "object" || len(props) > 0:
		obj, ok := v.(map[string]any)
		if !ok {
			return append(problems, at+" is not an object")
		}
		for _, r := range required {
			if _, ok := obj[r]; !ok {
				problems = append(problems, at+"."+r+" is required but missing")
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p, ok := props[k]; ok {
				problems = append(problems, checkSchema(doc, p, obj[k], at+"."+k)...)
			} else if a, ok := additional.(map[string]any); ok {
				problems = append(problems, checkSchema(doc, a, obj[k], at+"."+k)...)
			} else if len(props) > 0 {
				problems = append(problems, at+"."+k+" is not documented")
			}
		}
	case typ == "array":
		arr, ok := v.([]any)
		if !ok {
			return append(problems, at+" is not an array")
		}
		items, _ := schema["items"].(map[string]any)
		for i, x := range arr {
			problems = append(problems, checkSchema(doc, items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case typ == "string":
		if _, ok := v.(string); !ok {
			problems = append(problems, at+" is not a string")
		}
	case typ == "integer":
		if n, ok := v.(float64); !ok || n != float64(int64(n)) {
			problems = append(problems, at+" is not an integer")
		}
	case typ == "number":
		if _, ok := v.(float64); !ok {
			problems = append(problems, at+" is not a number")
		}
	case typ == "boolean":
		if _, ok := v.(bool); !ok {
			problems = append(problems, at+" is not a boolean")
		}
	}
	return problems
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
