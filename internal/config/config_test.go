package config

import (
	"strings"
	"testing"
)

func TestLoadPrecedence(t *testing.T) {
	t.Parallel()
	env := map[string]string{"WEI_DB": "env.db", "WEI_ADDR": "127.0.0.1:9000"}
	getenv := func(k string) string { return env[k] }
	c, _, err := Load("serve", []string{"--db", "flag.db"}, getenv, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "flag.db" {
		t.Errorf("DB=%q, want flag.db (flag beats env)", c.DB)
	}
	if c.Addr != "127.0.0.1:9000" {
		t.Errorf("Addr=%q, want env value", c.Addr)
	}
	if c.BaseURL != "http://127.0.0.1:9000" {
		t.Errorf("BaseURL=%q, want derived from addr", c.BaseURL)
	}
	c, _, err = Load("serve", []string{"--demo"}, func(string) string { return "" }, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "wei.db" || !c.Migrate || c.Addr != "localhost:8080" {
		t.Errorf("defaults: DB=%q Migrate=%v Addr=%q", c.DB, c.Migrate, c.Addr)
	}
}

func TestLoadInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"bad addr", []string{"--addr", "nocolon"}, nil, "listen address"},
		{"bad log format", []string{"--log-format", "xml"}, nil, "log format"},
		{"bad base url", []string{"--base-url", "ftp://x"}, nil, "base URL"},
		{"bad smtp from", []string{"--smtp-host", "mail", "--smtp-from", "nope"}, nil, "SMTP sender"},
		{"bad ttl env", nil, map[string]string{"WEI_SESSION_TTL": "soon"}, "WEI_SESSION_TTL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Load("serve", tc.args, func(k string) string { return tc.env[k] }, true)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load err=%v, want containing %q", err, tc.want)
			}
		})
	}
}
