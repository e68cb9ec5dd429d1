package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/wei-platform/wei/account"
)

type openAPIOperation struct {
	OperationID string           `json:"operationId"`
	Permission  string           `json:"x-wei-permission"`
	OrgParam    string           `json:"x-wei-org-param"`
	OrgPerm     string           `json:"x-wei-org-permission"`
	Parameters  []map[string]any `json:"parameters"`
	Security    []map[string]any `json:"security"`
	Responses   map[string]any   `json:"responses"`
	RequestBody map[string]any   `json:"requestBody"`
}

func loadOpenAPI(t *testing.T) (raw map[string]any, paths map[string]map[string]openAPIOperation) {
	t.Helper()
	if !json.Valid(openAPIDoc) {
		t.Fatal("openapi.json is not valid JSON")
	}
	if err := json.Unmarshal(openAPIDoc, &raw); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]openAPIOperation `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	return raw, doc.Paths
}

func TestOpenAPIVersion(t *testing.T) {
	t.Parallel()
	raw, _ := loadOpenAPI(t)
	if v, _ := raw["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Errorf("openapi=%q, want 3.x", v)
	}
	servers, _ := raw["servers"].([]any)
	if len(servers) != 1 || servers[0].(map[string]any)["url"] != Prefix {
		t.Errorf("servers=%v, want one with url %s", servers, Prefix)
	}
}

// TestOpenAPIMatchesRoutes checks that openapi.json and routes.go describe
// the same operations, in both directions, with the same names and
// permissions.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	_, paths := loadOpenAPI(t)
	inRoutes := map[string]route{}
	for _, rt := range routes {
		inRoutes[strings.ToLower(rt.Method)+" "+strings.TrimPrefix(rt.Pattern, Prefix)] = rt
	}
	inDoc := map[string]openAPIOperation{}
	for path, ops := range paths {
		for method, op := range ops {
			inDoc[method+" "+path] = op
		}
	}
	for _, k := range sortedKeys(inRoutes) {
		if _, ok := inDoc[k]; !ok {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for _, k := range sortedKeys(inDoc) {
		op := inDoc[k]
		rt, ok := inRoutes[k]
		if !ok {
			t.Errorf("openapi.json has %s, which is not in routes.go", k)
			continue
		}
		if op.OperationID != rt.Name {
			t.Errorf("%s: operationId=%q, want %q (the route's Name)", k, op.OperationID, rt.Name)
		}
		if op.Permission != string(rt.Perm) {
			t.Errorf("%s: x-wei-permission=%q, want %q", k, op.Permission, rt.Perm)
		}
		orgPerm := rt.OrgPerm
		if rt.OrgParam != "" && orgPerm == "" {
			orgPerm = rt.Perm
		}
		if op.OrgParam != rt.OrgParam || op.OrgPerm != string(orgPerm) {
			t.Errorf("%s: x-wei-org-param=%q x-wei-org-permission=%q, want %q and %q", k, op.OrgParam, op.OrgPerm, rt.OrgParam, orgPerm)
		}
		if len(op.Responses) == 0 {
			t.Errorf("%s has no responses", k)
		}
		public := rt.Perm == account.PermViewWijk
		optional := slices.ContainsFunc(op.Security, func(m map[string]any) bool { return len(m) == 0 })
		bearer := slices.ContainsFunc(op.Security, func(m map[string]any) bool { _, ok := m["bearerAuth"]; return ok })
		if !bearer || optional != public {
			t.Errorf("%s: security=%v, want bearerAuth, optional only on public routes", k, op.Security)
		}
		if !public {
			if _, ok := op.Responses["401"]; !ok {
				t.Errorf("%s needs an account but documents no 401", k)
			}
		}
		// Routes open to any account (PermMine, PermJoin) need no role.
		if rt.Perm != account.PermViewWijk && rt.Perm != account.PermMine && rt.Perm != account.PermJoin {
			if _, ok := op.Responses["403"]; !ok {
				t.Errorf("%s needs a role but documents no 403", k)
			}
		}
		if (rt.Method == "POST" || rt.Method == "PUT") && op.RequestBody == nil {
			t.Errorf("%s has no requestBody", k)
		}
	}
}

// TestOpenAPIPathParameters checks that every {param} in a path is declared.
func TestOpenAPIPathParameters(t *testing.T) {
	t.Parallel()
	raw, paths := loadOpenAPI(t)
	params := regexp.MustCompile(`\{([a-z_]+)\}`)
	for path, ops := range paths {
		for method, op := range ops {
			declared := map[string]bool{}
			for _, p := range op.Parameters {
				if ref, ok := p["$ref"].(string); ok {
					p, _ = resolveRef(raw, ref).(map[string]any)
				}
				if p["in"] == "path" {
					declared[p["name"].(string)] = true
					if p["required"] != true {
						t.Errorf("%s %s: path parameter %v is not required", method, path, p["name"])
					}
				}
			}
			for _, m := range params.FindAllStringSubmatch(path, -1) {
				if !declared[m[1]] {
					t.Errorf("%s %s: path parameter {%s} is not declared", method, path, m[1])
				}
				delete(declared, m[1])
			}
			for name := range declared {
				t.Errorf("%s %s: declares path parameter %s that is not in the path", method, path, name)
			}
		}
	}
}

// TestOpenAPIRefs checks that every $ref resolves and the parts the API
// promises exist: the Error schema and the bearer scheme.
func TestOpenAPIRefs(t *testing.T) {
	t.Parallel()
	raw, _ := loadOpenAPI(t)
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				refs = append(refs, ref)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(raw)
	if len(refs) == 0 {
		t.Fatal("no $ref found")
	}
	for _, ref := range refs {
		if resolveRef(raw, ref) == nil {
			t.Errorf("$ref %q does not resolve", ref)
		}
	}
	errSchema, _ := resolveRef(raw, "#/components/schemas/Error").(map[string]any)
	props, _ := errSchema["properties"].(map[string]any)
	for _, f := range []string{"code", "message", "fields", "request_id"} {
		if _, ok := props[f]; !ok {
			t.Errorf("Error schema has no property %s", f)
		}
	}
	bearer, _ := resolveRef(raw, "#/components/securitySchemes/bearerAuth").(map[string]any)
	if bearer["type"] != "http" || bearer["scheme"] != "bearer" {
		t.Errorf("bearerAuth=%v, want an http bearer scheme", bearer)
	}
}

// TestOpenAPIServed checks that the document is served as it is embedded.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "GET", Prefix+"/openapi.json", anon, nil)
	if rec.Code != http.StatusOK || rec.Body.String() != string(openAPIDoc) {
		t.Errorf("status=%d, want 200 with the embedded document", rec.Code)
	}
}

// resolveRef follows a local JSON pointer (#/a/b), or returns nil.
func resolveRef(doc map[string]any, ref string) any {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = doc
	for _, part := range strings.Split(rest, "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = m[part]; !ok {
			return nil
		}
	}
	return cur
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
