package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/wei-platform/wei/internal/api"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/server"
	"github.com/wei-platform/wei/internal/web"
)

func serve(ctx context.Context, env Env, args []string) error {
	c, log, s, err := openDB(ctx, env, "serve", args, schemaServe, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	if c.Demo {
		if err := seedDemo(ctx, env, s); err != nil {
			return err
		}
	}
	mailer := mail.New(s, c.SMTP, log)
	wh, err := web.New(web.Deps{Store: s, Log: log, Mail: mailer, Config: c})
	if err != nil {
		return err
	}
	srv := server.New(s, log, wh, api.New(s, log))
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v (is another program using that port? choose one with --addr)", c.Addr, err)
	}
	stopJobs, err := startJobs(ctx, jobDeps{Store: s, Log: log, Config: c, Mail: mailer, Web: wh})
	if err != nil {
		ln.Close()
		return err
	}
	defer stopJobs() // before s.Close: jobs record their result first
	url := "http://" + ln.Addr().String()
	log.Info("WEI is running", slog.String("url", url), slog.String("database", s.Name()), slog.String("engine", s.Dialect().String()))
	fmt.Fprintf(env.Stdout, "WEI listens on %s\n", url)
	return srv.Serve(ctx, ln)
}
