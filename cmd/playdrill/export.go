package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records"
	"github.com/playdrill/playdrill/internal/report"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/settings"
	"github.com/playdrill/playdrill/internal/xapi"
)

// defaultPushTimeout bounds a push to an LRS, retries included.
const defaultPushTimeout = 5 * time.Minute

// Export formats.
const (
	formatJSONL = "jsonl"
	formatXAPI  = "xapi"
)

type exportFlags struct {
	format   string
	out      string
	lrs      string
	homePage string
	timeout  time.Duration
	all      bool
	force    bool
}

// exportMode says how export -o may write out: a new file, or over an
// earlier export. Any other file needs force, and a database (the progress
// database, a backup of it, any bbolt file) is never written over.
func exportMode(out string, force bool) (atomicfile.Mode, error) {
	info, err := os.Lstat(out)
	if err != nil {
		return atomicfile.Create, nil
	}
	if info.IsDir() {
		return atomicfile.Replace, nil // the write says plainly it is a folder
	}
	if what := atomicfile.Kind(info.Mode()); what != "" && info.Mode()&os.ModeSymlink == 0 {
		// Looking inside a pipe would wait for a writer.
		return 0, fmt.Errorf("-o %s is %s; name a file to write", safe.Text(out), what)
	}
	if boltdb.IsDatabase(out) {
		return 0, fmt.Errorf("-o %s is a database; export never writes over one, --force or not: name another file", safe.Text(out))
	}
	if force || isExport(out) {
		return atomicfile.Replace, nil
	}
	return 0, fmt.Errorf("-o %s already exists and is not a playdrill export; use --force to replace it", safe.Text(out))
}

// isExport reports whether the file at path is empty or begins like one of
// export's own formats: JSON lines of records, the CSV header, or a list of
// xAPI statements.
func isExport(path string) bool {
	f, what, err := openRegular(path)
	if err != nil || what != "" {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	switch {
	case n == 0:
		return true
	case bytes.HasPrefix(first, []byte(`{"type":"`)):
		return true
	case bytes.HasPrefix(first, []byte(strings.Join(records.ExportCSVHeader, ","))):
		return true
	case bytes.Equal(bytes.TrimSpace(first), []byte("[")):
		return bytes.Contains(head, []byte(`"actor"`)) || bytes.Equal(bytes.TrimSpace(head), []byte("[\n]")) || bytes.Equal(bytes.TrimSpace(head), []byte("["))
	}
	return false
}

func (a *app) exportCmd() *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "export --format jsonl|csv|xapi [-o FILE] [--lrs URL]",
		Short: "Export every attempt and completion (JSON lines, CSV or xAPI)",
		Long: "export writes every attempt and step completion in the database: as JSON lines\n" +
			"(one record a line; what 'playdrill import' reads), CSV with a header, or a JSON\n" +
			"array of xAPI 1.0.3 statements for a learning record store (LRS).\n\n" +
			"--lrs URL sends the xAPI statements to URL's statements resource in batches, with\n" +
			"basic auth from PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY. Only what that LRS has\n" +
			"not accepted yet is sent (remembered per LRS in the database); --all sends\n" +
			"everything again. A statement never changes once its attempt is recorded, and its\n" +
			"id is derived from the record, so sending twice stores nothing twice. Busy or failing LRSs are\n" +
			"retried as they ask (Retry-After); --timeout bounds the whole push. Redirects are\n" +
			"followed only when they keep the POST and the origin. Nothing leaves this machine\n" +
			"unless --lrs is given.\n\n" +
			"--home-page sets the home page of the reps' xAPI accounts and the base of the\n" +
			"activity ids (default " + xapi.DefaultHomePage + ", a name that never resolves).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.checkExportFlags(cmd, &f); err != nil {
				return err
			}
			var user, key string
			if f.lrs != "" {
				var err error
				if user, key, err = a.lrsCredentials(); err != nil {
					return err
				}
			}
			var book *playbook.Playbook
			if f.format == formatXAPI {
				// Card definitions come from the playbook; without a valid
				// one the statements still go out, with less detail.
				book, _, _ = a.loadPlaybook()
			}
			mode := atomicfile.Create
			if f.out != "" {
				if err := a.notTheDatabase("-o "+f.out, f.out); err != nil {
					return err
				}
				var err error
				if mode, err = exportMode(f.out, f.force); err != nil {
					return err
				}
			}
			store, err := a.openExistingStore()
			if err != nil {
				return err
			}
			closed := false
			defer func() {
				if !closed {
					store.Close()
				}
			}()
			xopt := xapi.XAPIOptions{HomePage: f.homePage, Book: book}
			if f.format == formatXAPI && f.homePage == xapi.DefaultHomePage {
				fmt.Fprintf(a.Stderr, "playdrill: warning: the statements use the placeholder home page %s; set home_page in %s (or --home-page) to your company's address\n",
					xapi.DefaultHomePage, filepath.Join(a.settingsDir(), settings.FileName))
			}
			if f.out != "" {
				var msg string
				if err := atomicfile.Write(f.out, mode, 0o600, func(w io.Writer) (err error) {
					msg, err = a.writeExport(w, store, f.format, xopt)
					return err
				}); err != nil {
					if errors.Is(err, fs.ErrExist) {
						return fmt.Errorf("-o %s: a file appeared there during the export; it was left alone", safe.Text(f.out))
					}
					return err
				}
				fmt.Fprintf(a.Stderr, "%s to %s\n", msg, safe.Text(f.out))
			} else if f.lrs == "" {
				if _, err := a.writeExport(a.Stdout, store, f.format, xopt); err != nil {
					return err
				}
			}
			if f.lrs != "" {
				ctx, cancel := context.WithTimeout(cmd.Context(), f.timeout)
				defer cancel()
				closed = true
				return a.pushAndRemember(ctx, store, push{endpoint: f.lrs, user: user, key: key, xopt: xopt, all: f.all})
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", formatJSONL, "FORMAT: jsonl, csv or xapi")
	fl.StringVarP(&f.out, "output", "o", "", "write to FILE (0600) instead of standard output; an earlier export there is replaced whole")
	fl.BoolVar(&f.force, "force", false, "with -o, replace a file that is not an earlier export (never a database)")
	fl.StringVar(&f.lrs, "lrs", "", "send xAPI statements to the LRS at URL")
	fl.StringVar(&f.homePage, "home-page", xapi.DefaultHomePage, "home page URL of the reps' xAPI accounts (env PLAYDRILL_HOME_PAGE; settings home_page)")
	fl.DurationVar(&f.timeout, "timeout", defaultPushTimeout, "give up a push to the LRS that takes longer than DURATION")
	fl.BoolVar(&f.all, "all", false, "with --lrs: send every statement again, not only those the LRS has not accepted")
	return cmd
}

func (a *app) checkExportFlags(cmd *cobra.Command, f *exportFlags) error {
	switch f.format {
	case formatJSONL, report.FormatCSV, formatXAPI:
	default:
		return usageErrorf("--format %q: want jsonl, csv or xapi", f.format)
	}
	if f.lrs != "" {
		if cmd.Flags().Changed("format") && f.format != formatXAPI {
			return usageErrorf("--lrs sends xAPI statements; it does not go with --format %s", f.format)
		}
		f.format = formatXAPI
		u, err := url.Parse(f.lrs)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErrorf("--lrs %q: want the LRS's http(s) address", xapi.RedactURL(f.lrs))
		}
		if u.User != nil {
			return usageErrorf("--lrs: put the credentials in PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY, not in the address")
		}
	}
	if f.all && f.lrs == "" {
		return usageErrorf("--all goes with --lrs")
	}
	if f.timeout <= 0 {
		return usageErrorf("--timeout %v: want a positive duration such as 2m", f.timeout)
	}
	f.homePage = a.homePage(cmd, f.homePage)
	if err := xapi.ValidateHomePage(f.homePage); err != nil {
		return usageErrorf("--home-page: %v", err)
	}
	return nil
}

// writeExport writes the export in format to w and returns what it wrote,
// for the summary of an export to a file.
func (a *app) writeExport(w io.Writer, store playbook.Store, format string, xopt xapi.XAPIOptions) (string, error) {
	var msg string
	switch format {
	case formatXAPI:
		n, err := xapi.ExportXAPI(w, store, xopt)
		if err != nil {
			return "", err
		}
		msg = fmt.Sprintf("exported %d xAPI statements", n)
	default:
		export := records.ExportJSONL
		if format == report.FormatCSV {
			export = records.ExportCSV
		}
		n, err := export(w, store)
		if err != nil {
			return "", err
		}
		msg = "exported " + n.String()
	}
	return msg, nil
}

// progressBar draws a plain bar of width cells.
func progressBar(done, total, width int) string {
	filled := width
	if total > 0 {
		filled = done * width / total
	}
	bar := make([]rune, width)
	for i := range bar {
		bar[i] = '░'
		if i < filled {
			bar[i] = '█'
		}
	}
	return "[" + string(bar) + "]"
}
