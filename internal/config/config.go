// Package config reads WEI's settings once: flags over environment variables
// over defaults. The result is validated and passed down; there is no global.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting of a running WEI.
type Config struct {
	DB         string // SQLite file path or postgres:// URL (WEI_DB)
	Addr       string // listen address (WEI_ADDR)
	BaseURL    string // public URL, for links in mail (WEI_BASE_URL)
	LogFormat  string // "text" or "json" (WEI_LOG_FORMAT)
	LogLevel   string // "debug", "info", "warn", "error" (WEI_LOG_LEVEL)
	SessionTTL time.Duration
	SMTP       SMTP
	Migrate    bool   // serve: apply pending migrations first
	Demo       bool   // serve: load demo data into an empty database
	MapTiles   string // tile URL template of the map pages; empty: no tiles (WEI_MAP_TILES)
}

// DefaultMapTiles is PDOK's BRT achtergrondkaart, open data of the Kadaster.
const DefaultMapTiles = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"

// MapTilesOrigin returns the scheme and host of the tile URL
// ("https://service.pdok.nl"), for the Content-Security-Policy; "" when the
// map has no tiles.
func (c Config) MapTilesOrigin() string {
	u, err := url.Parse(c.MapTiles)
	if c.MapTiles == "" || err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// SMTP settings. Mail goes to the outbox table and the log when Host is empty.
type SMTP struct {
	Host     string // WEI_SMTP_HOST
	Port     int    // WEI_SMTP_PORT
	Username string // WEI_SMTP_USERNAME
	Password string // WEI_SMTP_PASSWORD
	From     string // WEI_SMTP_FROM
}

// Enabled reports whether mail should go out over SMTP.
func (s SMTP) Enabled() bool { return s.Host != "" }

// SecureCookies reports whether cookies must carry the Secure flag: when
// the public URL is https.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Load parses the flags of one subcommand (args without the subcommand
// name) over the environment. serve-only flags are accepted when serve is true.
func Load(name string, args []string, getenv func(string) string, serve bool) (Config, *flag.FlagSet, error) {
	return LoadWith(name, args, getenv, serve, nil)
}

// LoadWith is Load with extra flags of the subcommand, defined by extra on
// the same flag set before parsing.
func LoadWith(name string, args []string, getenv func(string) string, serve bool, extra func(*flag.FlagSet)) (Config, *flag.FlagSet, error) {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	c := Config{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&c.DB, "db", env("WEI_DB", "wei.db"), "SQLite file or postgres:// URL (env WEI_DB)")
	if serve {
		fs.StringVar(&c.Addr, "addr", env("WEI_ADDR", "localhost:8080"), "listen address (env WEI_ADDR)")
		fs.StringVar(&c.BaseURL, "base-url", env("WEI_BASE_URL", ""), "public URL used in e-mail links (env WEI_BASE_URL; default http://<addr>)")
		fs.BoolVar(&c.Migrate, "migrate", false, "apply pending database migrations before serving")
		fs.BoolVar(&c.Demo, "demo", false, "fill an empty database with demo data (implies --migrate)")
		ttl := env("WEI_SESSION_TTL", "336h")
		d, err := time.ParseDuration(ttl)
		if err != nil {
			return c, fs, fmt.Errorf("config: WEI_SESSION_TTL %q is not a duration such as 336h", ttl)
		}
		fs.DurationVar(&c.SessionTTL, "session-ttl", d, "how long a login lasts (env WEI_SESSION_TTL)")
		fs.StringVar(&c.SMTP.Host, "smtp-host", env("WEI_SMTP_HOST", ""), "SMTP server; empty: mail goes to the outbox and the log (env WEI_SMTP_HOST)")
		port, err := strconv.Atoi(env("WEI_SMTP_PORT", "587"))
		if err != nil {
			return c, fs, errors.New("config: WEI_SMTP_PORT must be a number")
		}
		fs.IntVar(&c.SMTP.Port, "smtp-port", port, "SMTP port (env WEI_SMTP_PORT)")
		fs.StringVar(&c.SMTP.Username, "smtp-username", env("WEI_SMTP_USERNAME", ""), "SMTP user (env WEI_SMTP_USERNAME)")
		c.SMTP.Password = getenv("WEI_SMTP_PASSWORD") // never a flag: flags show up in process lists
		fs.StringVar(&c.MapTiles, "map-tiles", env("WEI_MAP_TILES", DefaultMapTiles), "tile URL of the map pages with {z}, {x} and {y}; empty or none: no tiles (env WEI_MAP_TILES)")
		fs.StringVar(&c.SMTP.From, "smtp-from", env("WEI_SMTP_FROM", "WEI <noreply@localhost>"), "sender address (env WEI_SMTP_FROM)")
	}
	fs.StringVar(&c.LogFormat, "log-format", env("WEI_LOG_FORMAT", "text"), "log format: text or json (env WEI_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", env("WEI_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env WEI_LOG_LEVEL)")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return c, fs, err
	}
	if c.Demo {
		c.Migrate = true
	}
	if c.MapTiles == "none" {
		c.MapTiles = ""
	}
	if serve && c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	return c, fs, c.validate(serve)
}

func (c Config) validate(serve bool) error {
	var errs []string
	if strings.TrimSpace(c.DB) == "" {
		errs = append(errs, "the database setting (--db, WEI_DB) is empty")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Sprintf("log format %q must be text or json", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Sprintf("log level %q must be debug, info, warn or error", c.LogLevel))
	}
	if serve {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			errs = append(errs, fmt.Sprintf("listen address %q must look like host:port, e.g. localhost:8080", c.Addr))
		}
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Sprintf("base URL %q must be an http(s) URL", c.BaseURL))
		}
		if c.MapTiles != "" {
			u, err := url.Parse(c.MapTiles)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
				!strings.Contains(c.MapTiles, "{z}") || !strings.Contains(c.MapTiles, "{x}") || !strings.Contains(c.MapTiles, "{y}") {
				errs = append(errs, fmt.Sprintf("map tile URL %q must be an http(s) URL with {z}, {x} and {y}, or none", c.MapTiles))
			}
		}
		if c.SessionTTL < time.Minute {
			errs = append(errs, "session TTL must be at least 1m")
		}
		if c.SMTP.Enabled() {
			if c.SMTP.Port <= 0 || c.SMTP.Port > 65535 {
				errs = append(errs, "SMTP port must be between 1 and 65535")
			}
			if _, err := mail.ParseAddress(c.SMTP.From); err != nil {
				errs = append(errs, fmt.Sprintf("SMTP sender %q is not an e-mail address", c.SMTP.From))
			}
		}
	}
	if len(errs) > 0 {
		return errors.New("config: " + strings.Join(errs, "; "))
	}
	return nil
}
