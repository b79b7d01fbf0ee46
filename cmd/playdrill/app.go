package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/settings"
	"github.com/playdrill/playdrill/internal/words"
	"github.com/playdrill/playdrill/playbooks"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

// Env is what a run of playdrill gets from the outside world, injected so
// every subcommand can run in-process in tests.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// app carries the global flags and the environment to the subcommands.
type app struct {
	Env
	playbookPath string
	dbPath       string
	rep          string
	noColor      bool
	// set are the settings of config.toml, read before any command runs.
	set settings.Settings
}

// lockTimeout is how long to wait for a database another playdrill holds
// before saying so.
const lockTimeout = time.Second

// sessionLockTimeout is how long a session's transaction waits for a
// report or backup that holds the file: longer than lockTimeout, since
// the session is sure to get its turn once that command is done.
const sessionLockTimeout = 2 * time.Second

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// exitError carries an exit code; a nil err means "exit quietly with code"
// (the subcommand has already said what went wrong).
type exitError struct {
	code int
	err  error
	cmd  string // the command a usage error is about ("playdrill lint")
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf reports a usage error (exit 2).
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// flagError says what a flag's value should have been, in place of the
// parser's own words ("strconv.ParseInt: parsing ...").
func flagError(err error) error {
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return err
	}
	want := "a valid value"
	switch bad.GetFlag().Value.Type() {
	case "int", "int64", "uint", "uint64":
		want = "a whole number"
	case "bool":
		want = "true or false"
	case "duration":
		want = "a duration such as 30s or 5m"
	}
	return fmt.Errorf("--%s %q: want %s", bad.GetFlag().Name, bad.GetValue(), want)
}

// silentExit makes the command exit with code without printing anything more.
func silentExit(code int) error { return &exitError{code: code} }

// Main runs playdrill with args and returns the exit code.
func Main(ctx context.Context, args []string, env Env) int {
	a := &app{Env: env}
	root := a.rootCmd()
	root.SetArgs(args)
	// The completion command is made now rather than during Execute, so
	// that its errors, like every command's, come back through keepErrors.
	root.InitDefaultCompletionCmd(args...)
	var runErr error
	keepErrors(root, &runErr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		// Commands hand their errors to runErr; what Execute itself
		// returns is cobra's own: the command line did not parse.
		err = asUsageError(err)
	} else {
		err = runErr
	}
	if err != nil {
		a.printError(a.Stderr, err)
	}
	return exitCode(err)
}

// keepErrors makes the subcommands of c hand their errors to *dst, marked
// with the command a usage error is about, and makes a bad argument list a
// usage error.
func keepErrors(c *cobra.Command, dst *error) {
	for _, sub := range c.Commands() {
		keepErrors(sub, dst)
	}
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			*dst = aboutCommand(cmd, run(cmd, args))
			return nil
		}
	}
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				var ee *exitError
				if !errors.As(err, &ee) {
					err = &exitError{code: exitUsage, err: err}
				}
				return aboutCommand(cmd, err)
			}
			return nil
		}
	}
}

// aboutCommand notes on a usage error which command it is about, so the
// hint points at that command's help rather than the list of commands.
func aboutCommand(cmd *cobra.Command, err error) error {
	var ee *exitError
	if errors.As(err, &ee) && ee.code == exitUsage && ee.cmd == "" {
		ee.cmd = cmd.CommandPath()
	}
	return err
}

func versionString() string {
	if version != "" {
		return version
	}
	return "dev"
}

// exitCode is the exit status for err, from its type alone: an *exitError
// carries its code, and every other error is a failure.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitFailure
}

// asUsageError marks an error of cobra's parsing as a usage error.
func asUsageError(err error) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	return &exitError{code: exitUsage, err: err}
}

// printError prints err for the user, unless it is a silent exit.
func (a *app) printError(w io.Writer, err error) {
	var ee *exitError
	if errors.As(err, &ee) && ee.err == nil {
		return
	}
	// Errors name files, reps and ids the user gave or a file held: none of
	// them may drive the terminal.
	fmt.Fprintf(w, "playdrill: %s\n", safe.Text(err.Error()))
	if exitCode(err) == exitUsage {
		name := "playdrill"
		if errors.As(err, &ee) && ee.cmd != "" {
			name = ee.cmd
		}
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", name)
	}
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "playdrill",
		Short: "Drill your sales team on its playbook",
		Long: "playdrill drills reps on the company's marketing and sales playbook with spaced\n" +
			"repetition, grades typed answers against key points and records every attempt.",
		Args:          unknownCommand,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runTUI(cmd.Context(), nil)
		},
		// Settings first: the rep may come from them. A rep named blank
		// would be recorded and exported, then refused by every import.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.loadSettings(); err != nil {
				return err
			}
			if a.repGiven() {
				if err := playbook.CheckRep(a.repName()); err != nil {
					return &exitError{code: exitUsage, err: fmt.Errorf("--rep %q: %s", a.repName(), err), cmd: cmd.CommandPath()}
				}
			}
			return nil
		},
		SuggestionsMinimumDistance: 2,
	}
	root.SetVersionTemplate("playdrill {{.Version}}\n")
	// Set before the completion command is made: it keeps the writer.
	root.SetIn(a.Stdin)
	root.SetOut(a.Stdout)
	root.SetErr(a.Stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&a.playbookPath, "playbook", "", "playbook PATH: a .md file or a folder of them (env PLAYDRILL_PLAYBOOK; default: the shipped playbook)")
	pf.StringVar(&a.dbPath, "db", "", "progress database PATH (env PLAYDRILL_DB; default: progress.db in $XDG_DATA_HOME/playdrill)")
	pf.StringVar(&a.rep, "rep", "", "the rep's NAME (env PLAYDRILL_REP; default: the OS user)")
	pf.BoolVar(&a.noColor, "no-color", false, "no colour (also NO_COLOR)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: flagError(err), cmd: c.CommandPath()}
	})
	root.AddCommand(
		a.drillCmd(),
		a.lintCmd(),
		a.showCmd(),
		a.initCmd(),
		a.reportCmd(),
		a.exportCmd(),
		a.importCmd(),
		a.pushCmd(),
		a.feedbackCmd(),
		a.reviewCmd(),
		a.diffCmd(),
		a.doctorCmd(),
		a.backupCmd(),
		a.draftCmd(),
		a.tryCmd(),
		a.manCmd(),
	)
	a.installHelp(root)
	a.completeIDs(root)
	return root
}

// unknownCommand refuses arguments to playdrill itself, naming the nearest
// command when the argument looks like a mistyped one.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	err := fmt.Errorf("unknown command %q", safe.Text(args[0]))
	if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
		err = fmt.Errorf("%w: did you mean %s?", err, strings.Join(near, " or "))
	}
	return &exitError{code: exitUsage, err: err}
}

// getenv reads the environment, tolerating a nil Getenv.
func (a *app) getenv(key string) string {
	if a.Getenv == nil {
		return ""
	}
	return a.Getenv(key)
}

// colorless reports whether output must carry no colour.
func (a *app) colorless() bool {
	return a.noColor || a.getenv("NO_COLOR") != ""
}

// playbookSource says where the playbook comes from: the flag, the
// environment, else the shipped playbook.
func (a *app) playbookSource() string {
	if a.playbookPath != "" {
		return a.playbookPath
	}
	if p := a.getenv("PLAYDRILL_PLAYBOOK"); p != "" {
		return p
	}
	return a.set.Playbook
}

// loadPlaybook loads the playbook with its diagnostics.
func (a *app) loadPlaybook() (*playbook.Playbook, []markdown.Diagnostic, error) {
	path := a.playbookSource()
	if path == "" {
		return markdown.Load(playbooks.FS, playbooks.Root)
	}
	return loadPath(path)
}

// loadPath loads a playbook file or folder from disk.
func loadPath(path string) (*playbook.Playbook, []markdown.Diagnostic, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, nil, fmt.Errorf("playbook %s: %w", path, errors.Unwrap(err))
	}
	dir, base := filepath.Dir(abs), filepath.Base(abs)
	return markdown.Load(markdown.DirFS(dir), base)
}

// loadValidPlaybook loads the playbook and fails if it has errors, printing
// them to stderr.
func (a *app) loadValidPlaybook() (*playbook.Playbook, error) {
	book, _, err := a.loadPlaybookFor(func(d markdown.Diagnostic) bool { return d.Severity == markdown.SevError })
	return book, err
}

// loadShowablePlaybook loads the playbook for reading: errors that only
// keep it from being drilled are printed as a note on stderr, errors that
// make it unsafe to render fail.
func (a *app) loadShowablePlaybook() (book *playbook.Playbook, drillable bool, err error) {
	book, diags, err := a.loadPlaybookFor(func(d markdown.Diagnostic) bool { return d.Unsafe })
	if err != nil {
		return nil, false, err
	}
	n := countErrors(diags)
	if n > 0 {
		fmt.Fprintf(a.Stderr, "playdrill: the playbook has %s to fix before reps can drill it; run 'playdrill lint'\n", words.Count(n, "error"))
	}
	return book, n == 0, nil
}

// loadPlaybookFor loads the playbook and fails, printing them to stderr,
// on the diagnostics fatal says are fatal.
func (a *app) loadPlaybookFor(fatal func(markdown.Diagnostic) bool) (*playbook.Playbook, []markdown.Diagnostic, error) {
	book, diags, err := a.loadPlaybook()
	if err != nil {
		return nil, nil, err
	}
	n := 0
	for _, d := range diags {
		if fatal(d) {
			fmt.Fprintln(a.Stderr, d.String())
			n++
		}
	}
	if n > 0 || book == nil {
		return nil, diags, fmt.Errorf("the playbook has %s; run 'playdrill lint' for details", words.Count(n, "error"))
	}
	return book, diags, nil
}

// countErrors counts the error diagnostics.
func countErrors(diags []markdown.Diagnostic) int {
	n := 0
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			n++
		}
	}
	return n
}

// dbFile says where the database lives.
func (a *app) dbFile() (string, error) {
	if a.dbPath != "" {
		return a.dbPath, nil
	}
	if p := a.getenv("PLAYDRILL_DB"); p != "" {
		return p, nil
	}
	if a.set.Database != "" {
		return a.set.Database, nil
	}
	if d := a.getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "playdrill", "progress.db"), nil
	}
	return filepath.Join(xdg.DataHome, "playdrill", "progress.db"), nil
}

// openStore opens the progress database, creating its folder 0700.
func (a *app) openStore() (*boltdb.DB, error) {
	path, err := a.dbFile()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("database folder: %w", err)
	}
	return boltdb.Open(path, boltdb.Options{Timeout: lockTimeout})
}

// openSharedStore opens the progress database for a session that stays
// open (the TUI, a drill): the file is locked only for each transaction,
// so reports, exports, backups and another drill use it meanwhile.
func (a *app) openSharedStore() (*boltdb.DB, error) {
	path, err := a.dbFile()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("database folder: %w", err)
	}
	return boltdb.Open(path, boltdb.Options{Timeout: sessionLockTimeout, Shared: true})
}

// openExistingStore opens the progress database for a command that only
// reads it. A missing file reads as no progress at all, said on stderr,
// and nothing is created where --db pointed: a typo must not leave an
// empty database behind.
//
// The file is opened read-only, so reading works on a read-only disk and
// beside a backup in progress; only a file of an older schema is opened
// for writing, to be upgraded.
func (a *app) openExistingStore() (playbook.Store, error) {
	path, err := a.dbFile()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(a.Stderr, "playdrill: no progress database at %s yet: nothing has been drilled or imported there\n", safe.Text(path))
		return noProgress{}, nil
	}
	store, err := boltdb.Open(path, boltdb.Options{ReadOnly: true, Timeout: lockTimeout})
	if playbook.ErrorCode(err) == playbook.ESchema {
		store, err = a.openStore()
	}
	if err != nil {
		return nil, err
	}
	return store, nil
}

// notTheDatabase refuses an output file out (given as what, such as
// "-o FILE") that is the progress database itself, under any name: writing
// there would replace every record with the output.
func (a *app) notTheDatabase(what, out string) error {
	path, err := a.dbFile()
	if err != nil {
		return err
	}
	oi, oerr := os.Stat(out)
	di, derr := os.Stat(path)
	if oerr == nil && derr == nil && os.SameFile(oi, di) {
		return usageErrorf("%s is the progress database itself; write to another file", safe.Text(what))
	}
	return nil
}

// withProgress loads the playbook (failing on lint errors) and opens the
// progress database for fn, closing the database afterwards.
func (a *app) withProgress(fn func(*playbook.Playbook, *boltdb.DB) error) error {
	return withStore(a, a.openStore, fn)
}

// withSharedProgress is withProgress for a session that stays open.
func (a *app) withSharedProgress(fn func(*playbook.Playbook, *boltdb.DB) error) error {
	return withStore(a, a.openSharedStore, fn)
}

// withExistingProgress is withProgress for commands that only read: a
// missing database reads as empty and is not created.
func (a *app) withExistingProgress(fn func(*playbook.Playbook, playbook.Store) error) error {
	return withStore(a, a.openExistingStore, fn)
}

func withStore[S playbook.Store](a *app, open func() (S, error), fn func(*playbook.Playbook, S) error) (err error) {
	book, err := a.loadValidPlaybook()
	if err != nil {
		return err
	}
	store, err := open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return fn(book, store)
}

// day is when the rep's day rolls over: at PLAYDRILL_DAY_START (an hour,
// 0-23), else the settings' day_starts, else 4 am; in the settings'
// time_zone, else the local one (TZ).
func (a *app) day() (drill.Day, error) {
	d := drill.Day{Location: time.Local, Hour: drill.DefaultDayStart}
	if a.set.TimeZone != "" {
		loc, err := time.LoadLocation(a.set.TimeZone)
		if err != nil {
			return drill.Day{}, fmt.Errorf("settings: time_zone %q: %w", safe.Text(a.set.TimeZone), err)
		}
		d.Location = loc
	}
	if a.set.DayStarts != nil {
		d.Hour = *a.set.DayStarts
	}
	if v := strings.TrimSpace(a.getenv("PLAYDRILL_DAY_START")); v != "" {
		h, err := strconv.Atoi(strings.TrimSuffix(v, ":00"))
		if err != nil || h < 0 || h > 23 {
			return drill.Day{}, fmt.Errorf("PLAYDRILL_DAY_START=%q: want the hour the day starts, 0 to 23 (such as 4)", safe.Text(v))
		}
		d.Hour = h
	}
	return d, nil
}

// repName says who is drilling: the flag, the environment, else the OS user.
func (a *app) repName() string {
	if a.rep != "" {
		return a.rep
	}
	if r := a.getenv("PLAYDRILL_REP"); r != "" {
		return r
	}
	if a.set.Rep != "" {
		return a.set.Rep
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "rep"
}

// repGiven reports whether the rep was named explicitly.
func (a *app) repGiven() bool {
	return a.rep != "" || a.getenv("PLAYDRILL_REP") != "" || a.set.Rep != ""
}

// isTerminal reports whether f (a reader or writer) is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}
