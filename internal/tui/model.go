package tui

import (
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
	"github.com/playdrill/playdrill/internal/words"
)

// Config is what the command line hands the TUI.
type Config struct {
	Book  *playbook.Playbook
	Store playbook.Store
	// Options configure the drill engine; Options.Rep is the rep to use
	// when no one is picked on the "who is drilling" screen.
	Options drill.Options
	// RepGiven says the rep was named with --rep or PLAYDRILL_REP.
	RepGiven bool
	// Reps are the reps already in the database.
	Reps []string
	// Reload loads the playbook again from disk and returns its problems
	// (errors, as FILE:LINE:COL text). Nil when the playbook is not on disk.
	Reload func() (*playbook.Playbook, []string, error)
	// WatchPath is the playbook file or folder to watch for changes.
	WatchPath string
	NoColor   bool
	// Start, when set, opens a drill session on these cards as soon as the
	// rep is known (`playdrill drill --step ... ` in a terminal).
	Start *drill.Selection
	// Renderer renders markdown; nil makes one.
	Renderer *render.Renderer
	Input    io.Reader
	Output   io.Writer

	// markdown, when set, renders markdown instead of Renderer (tests).
	markdown markdownRenderer
}

type screen int

const (
	screenWho screen = iota
	screenHome
	screenLearn
	screenDrill
	screenProgress
)

// The smallest terminal the UI lays itself out in.
const (
	minWidth  = 60
	minHeight = 16
)

// screenModel is one screen. The root model routes keys and other messages
// to the current screen; each screen handles its own.
type screenModel interface {
	key(m *Model, msg tea.KeyPressMsg) tea.Cmd
	other(m *Model, msg tea.Msg) tea.Cmd
	view(m *Model, width, height int) string
	keyMap() help.KeyMap
	// typing reports whether the screen has a text input focused, in which
	// case printable keys such as `?` and `q` belong to the input.
	typing() bool
	// layout adapts the screen to a new size or style.
	layout(m *Model) tea.Cmd
}

// Model is the root model of the TUI.
type Model struct {
	cfg       Config
	newEngine engineFactory
	renderer  markdownRenderer
	now       func() time.Time

	book *playbook.Playbook
	eng  engine
	rep  string
	// gen changes whenever the playbook or the rep changes; results asked
	// for under an older generation are dropped.
	gen int

	width, height int
	dark          bool
	st            styles
	keys          globalKeys
	help          help.Model
	fullHelp      bool

	screen   screen
	who      whoScreen
	home     homeScreen
	learn    learnScreen
	drill    drillScreen
	progress progressScreen

	prog     drill.Progress
	stepProg map[string]drill.StepProgress
	progOK   bool

	rendered map[renderKey]string
	pending  map[renderKey]bool

	status    string
	statusErr bool

	// problems are the errors of the playbook on disk after an edit; while
	// set they are shown instead of the screen.
	problems  []string
	reloadGen int
	sessions  int
	quitting  bool

	// sameFrame is set by a message that changed nothing on screen; View
	// then returns lastFrame, drawn while the status was lastStatus.
	sameFrame  bool
	lastFrame  string
	lastStatus string
}

// New returns the root model for cfg.
func New(cfg Config) *Model {
	return newModel(cfg, realEngine)
}

func newModel(cfg Config, factory engineFactory) *Model {
	m := &Model{
		cfg:       cfg,
		newEngine: factory,
		now:       cfg.Options.Now,
		book:      cfg.Book,
		dark:      true,
		keys:      newGlobalKeys(),
		help:      help.New(),
		width:     80,
		height:    24,
		rendered:  map[renderKey]string{},
		pending:   map[renderKey]bool{},
		stepProg:  map[string]drill.StepProgress{},
	}
	if cfg.markdown != nil {
		m.renderer = cfg.markdown
	} else if cfg.Renderer != nil {
		m.renderer = cfg.Renderer
	} else {
		m.renderer = render.New()
	}
	if m.now == nil {
		m.now = time.Now
	}
	m.who = newWhoScreen(m.keys, cfg.Reps, cfg.Options.Rep)
	m.home = newHomeScreen(m.keys)
	m.learn = newLearnScreen(m.keys)
	m.drill = newDrillScreen(m.keys)
	m.progress = newProgressScreen(m.keys)
	m.applyStyles()
	if !cfg.RepGiven && len(cfg.Reps) > 1 {
		m.screen = screenWho
	} else {
		m.screen = screenHome
		m.useRep(cfg.Options.Rep)
	}
	return m
}

// Init asks the terminal for its background and loads the rep's progress.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.eng != nil {
		cmds = append(cmds, loadProgressCmd(m.gen, m.eng), m.startRequested())
	}
	return tea.Batch(cmds...)
}

// startRequested opens the session asked for on the command line, once.
func (m *Model) startRequested() tea.Cmd {
	sel := m.cfg.Start
	if sel == nil {
		return nil
	}
	m.cfg.Start = nil
	return m.drill.start(m, m.sessionTitle(*sel), *sel)
}

// sessionTitle names a session started from the command line.
func (m *Model) sessionTitle(sel drill.Selection) string {
	title := "Today's drill"
	switch {
	case sel.Step != "":
		title = "Drill: " + cleanLine(sel.Step)
		if s, ok := m.book.Step(sel.Step); ok {
			title = "Drill: " + cleanLine(s.Title)
		}
	case sel.Competitor != "":
		title = "Differentiators: " + cleanLine(sel.Competitor)
	}
	if sel.Cram {
		title += " (cram)"
	}
	return title
}

// useRep makes rep the one drilling and returns the command loading their
// progress.
func (m *Model) useRep(rep string) tea.Cmd {
	m.rep = rep
	return m.resetEngine()
}

// resetEngine rebuilds the engine for the current playbook and rep.
func (m *Model) resetEngine() tea.Cmd {
	opt := m.cfg.Options
	opt.Rep = m.rep
	m.eng = m.newEngine(m.book, m.cfg.Store, opt)
	m.gen++
	return loadProgressCmd(m.gen, m.eng)
}

func (m *Model) applyStyles() {
	m.st = newStyles(m.dark, m.cfg.NoColor)
	if m.cfg.NoColor {
		m.help.Styles = help.Styles{}
	} else {
		m.help.Styles = help.DefaultStyles(m.dark)
	}
	m.home.filter.SetStyles(inputStyles(m.dark))
	m.who.input.SetStyles(inputStyles(m.dark))
	m.drill.feedback.SetStyles(inputStyles(m.dark))
	m.drill.input.SetStyles(areaStyles(m.dark))
}

// The inputs' cursors do not blink: a steady cursor redraws nothing while
// the rep thinks.
func inputStyles(dark bool) textinput.Styles {
	s := textinput.DefaultStyles(dark)
	s.Cursor.Blink = false
	return s
}

func areaStyles(dark bool) textarea.Styles {
	s := textarea.DefaultStyles(dark)
	s.Cursor.Blink = false
	return s
}

// renderStyle is the glamour style for the current background.
func (m *Model) renderStyle() render.Style {
	switch {
	case m.cfg.NoColor:
		return render.Plain
	case m.dark:
		return render.Dark
	default:
		return render.Light
	}
}

func (m *Model) current() screenModel {
	switch m.screen {
	case screenWho:
		return &m.who
	case screenLearn:
		return &m.learn
	case screenDrill:
		return &m.drill
	case screenProgress:
		return &m.progress
	default:
		return &m.home
	}
}

// Update routes msg to its handler: keys to the current screen, results to
// their owner.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.sameFrame = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		return m, m.setDark(msg.IsDark())
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case progressMsg:
		return m, m.onProgress(msg)
	case renderedMsg:
		return m, m.onRendered(msg)
	case queueMsg:
		return m, m.drill.onQueue(m, msg)
	case recordedMsg:
		return m, m.drill.onRecorded(m, msg)
	case feedbackSavedMsg:
		return m, m.drill.onFeedbackSaved(m, msg)
	case progressDataMsg:
		return m, m.progress.onData(m, msg)
	case fileChangedMsg:
		return m, m.onFileChanged()
	case reloadTickMsg:
		return m, m.onReloadTick(msg)
	case reloadedMsg:
		return m, m.onReloaded(msg)
	}
	return m, m.current().other(m, msg)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Quit) {
		return m.quit()
	}
	if key.Matches(msg, m.keys.Suspend) {
		return tea.Suspend
	}
	if m.tooSmall() {
		if msg.String() == "q" {
			return m.quit()
		}
		return nil
	}
	if len(m.problems) > 0 {
		return m.problemsKey(msg)
	}
	s := m.current()
	if !s.typing() && key.Matches(msg, m.keys.Help) {
		m.fullHelp = !m.fullHelp
		return s.layout(m)
	}
	// A key clears the last message, unless it is an error the rep has
	// not seen a new screen since.
	if !m.statusErr {
		m.status = ""
	}
	return s.key(m, msg)
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	return tea.Quit
}

func (m *Model) setStatus(s string) {
	m.status, m.statusErr = s, false
}

func (m *Model) setError(s string) {
	m.status, m.statusErr = s, true
}

// goTo switches screens, clearing a stale error.
func (m *Model) goTo(s screen) tea.Cmd {
	m.screen = s
	m.statusErr = false
	m.status = ""
	return m.current().layout(m)
}

func (m *Model) resize(w, h int) tea.Cmd {
	m.width, m.height = w, h
	m.help.SetWidth(w)
	if m.tooSmall() {
		return nil
	}
	return m.current().layout(m)
}

func (m *Model) setDark(dark bool) tea.Cmd {
	if dark == m.dark {
		return nil
	}
	m.dark = dark
	m.applyStyles()
	return m.current().layout(m)
}

func (m *Model) tooSmall() bool {
	return m.width < minWidth || m.height < minHeight
}

func (m *Model) onProgress(msg progressMsg) tea.Cmd {
	if msg.gen != m.gen {
		return nil
	}
	if msg.err != nil {
		m.setError("Could not read progress: " + cleanLine(msg.err.Error()))
		return nil
	}
	m.prog = msg.prog
	m.progOK = true
	m.stepProg = make(map[string]drill.StepProgress, len(m.stepProg))
	for _, pp := range msg.prog.Processes {
		for _, sp := range pp.Steps {
			if sp.Step != nil {
				m.stepProg[sp.Step.ID] = sp
			}
		}
	}
	if m.screen == screenProgress {
		return m.progress.layout(m)
	}
	return nil
}

// requestRender returns the command rendering src under id at width, or
// nil when it is cached or on its way.
func (m *Model) requestRender(id, src string, width int) tea.Cmd {
	k := renderKey{id: id, width: width, style: m.renderStyle()}
	if _, ok := m.rendered[k]; ok || m.pending[k] {
		return nil
	}
	m.pending[k] = true
	return renderCmd(m.renderer, k, src)
}

// renderedText returns the cached rendering of id at width.
func (m *Model) renderedText(id string, width int) (string, bool) {
	s, ok := m.rendered[renderKey{id: id, width: width, style: m.renderStyle()}]
	return s, ok
}

func (m *Model) onRendered(msg renderedMsg) tea.Cmd {
	if !m.pending[msg.key] {
		return nil // asked for before a reload: stale
	}
	delete(m.pending, msg.key)
	m.rendered[msg.key] = msg.out
	switch m.screen {
	case screenLearn:
		m.learn.refresh(m)
	case screenDrill:
		m.drill.refresh(m)
	}
	return nil
}

// View draws the current screen inside a frame: header, body, status, help.
func (m *Model) View() tea.View {
	if m.quitting {
		return tea.NewView("")
	}
	if !m.sameFrame || m.lastFrame == "" || m.status != m.lastStatus {
		m.lastFrame, m.lastStatus = m.frame(), m.status
	}
	v := tea.NewView(m.lastFrame)
	v.AltScreen = true
	v.WindowTitle = "playdrill"
	return v
}

func (m *Model) frame() string {
	if m.tooSmall() {
		return m.tooSmallView()
	}
	s := m.current()
	km := s.keyMap()
	if len(m.problems) > 0 {
		km = newScrollKeys(m.keys, "hide problems")
	}
	helpView := m.helpView(km)
	bodyH := m.height - 2 - 1 - lipgloss.Height(helpView)
	var body string
	if len(m.problems) > 0 {
		body = m.problemsView(m.width, bodyH)
	} else {
		body = s.view(m, m.width, bodyH)
	}
	return strings.Join([]string{
		m.headerView(),
		"",
		fit(body, m.width, bodyH),
		m.statusView(),
		helpView,
	}, "\n")
}

func (m *Model) helpView(km help.KeyMap) string {
	if m.fullHelp {
		return m.help.FullHelpView(km.FullHelp())
	}
	return m.help.ShortHelpView(km.ShortHelp())
}

// bodyHeight is the height left for a screen's body under the frame.
func (m *Model) bodyHeight() int {
	h := m.height - 2 - 1 - lipgloss.Height(m.helpView(m.current().keyMap()))
	if h < 1 {
		h = 1
	}
	return h
}

func (m *Model) headerView() string {
	title := "playdrill"
	if m.book != nil {
		title = cleanLine(m.book.Title)
		if v := cleanLine(m.book.Version); v != "" {
			title += " " + m.st.faint.Render(v)
		}
	}
	left := m.st.title.Render("▌ ") + m.st.title.Render(title)
	right := ""
	if m.rep != "" {
		right = m.st.faint.Render("rep ") + m.st.bold.Render(cleanLine(m.rep))
	}
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return ansi.Truncate(left+" "+right, m.width, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) statusView() string {
	if m.status == "" {
		return ""
	}
	if m.statusErr {
		return ansi.Truncate(m.st.statusErr.Render("! "+m.status), m.width, "…")
	}
	return ansi.Truncate(m.st.status.Render(m.status), m.width, "…")
}

func (m *Model) tooSmallView() string {
	msg := "Terminal too small"
	detail := "playdrill needs at least 60x16"
	now := "now " + itoa(m.width) + "x" + itoa(m.height)
	w := max(m.width, 1)
	// Wrapped, not cut: at 20 columns "needs at least 60x16" is the part
	// that matters.
	var lines []string
	for _, l := range []string{msg, detail, now} {
		lines = append(lines, strings.Split(ansi.Wrap(l, w, ""), "\n")...)
	}
	if len(lines)+2 <= m.height {
		lines = append(lines, "")
	}
	lines = append(lines, "ctrl+c quits")
	lines[0] = m.st.warn.Render(lines[0])
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(lines, "\n")
}

func (m *Model) problemsKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		// Keep drilling on the last playbook that loaded; the next save
		// checks again.
		m.problems = nil
		m.setError("The playbook on disk has problems; still using the last good version")
		return m.current().layout(m)
	case "q":
		return m.quit()
	case "?":
		m.fullHelp = !m.fullHelp
	}
	return nil
}

func (m *Model) problemsView(width, height int) string {
	lines := []string{
		m.st.warn.Render("The playbook has problems"),
		"Fix them and save: playdrill reloads it on its own.",
		"",
	}
	for _, p := range m.problems {
		lines = append(lines, wrap(cleanLine(p), width)...)
	}
	if len(lines) > height {
		more := len(lines) - height + 1
		lines = append(lines[:height-1], m.st.faint.Render("… and "+words.Count(more, "more line")+"; run playdrill lint"))
	}
	return strings.Join(lines, "\n")
}

// fit clips s to width columns and height lines.
func fit(s string, width, height int) string {
	if height < 1 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
