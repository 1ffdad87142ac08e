package cli

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/connpick"
	"github.com/ferry-s3/ferry/xdg"
)

// tuiConnections are the browser's connections, for its picker and its
// NAME:s3:// start locations (connpick.Provider): the default one (the
// flags' client, connected and probed before the program starts) and
// every named one, each connected on first use, from any goroutine. A
// demo gateway starts only when demo is chosen, and belongs to this
// browser (another ferry quitting does not stop it); close stops it.
type tuiConnections struct {
	set      *connections.Set
	def      *s3ops.Client
	defDemo  bool // the default connection is the demo: no second one
	connect  func(context.Context, s3ops.Settings) (*s3ops.Client, error)
	mu       sync.Mutex
	made     map[string]*connection // by name, once asked for
	clients  map[string]*s3ops.Client
	inFlight map[string]*sync.Mutex // one connect per name at a time
	// txOpts are the transfer settings of the named connections'
	// engines (each gets a journal of its own), engines those made.
	txOpts  transfer.Options
	engines map[string]*transfer.Engine
	dirs    xdg.Dirs // where the engines' journals go
}

func newTUIConnections(s *session, set *connections.Set, def *s3ops.Client) *tuiConnections {
	return &tuiConnections{set: set, def: def, defDemo: s.flags.demo, connect: s.conn.connect,
		made: map[string]*connection{}, clients: map[string]*s3ops.Client{}, inFlight: map[string]*sync.Mutex{},
		engines: map[string]*transfer.Engine{}, dirs: dirsOf(s.ctx)}
}

// Entries are the default connection, then the named ones (with --demo
// the default one is the demo, so demo is not listed twice).
func (t *tuiConnections) Entries(context.Context) ([]connpick.Entry, error) {
	def := connpick.Entry{From: "flags and environment", Region: t.def.Region()}
	if t.def.CustomEndpoint() {
		def.Endpoint = t.def.Endpoint()
	}
	out := []connpick.Entry{def}
	for _, c := range t.set.All() {
		if c.Demo && t.defDemo {
			continue
		}
		out = append(out, connpick.Entry{Name: c.Name, From: c.From, Endpoint: c.EndpointURL, Region: c.Region, Demo: c.Demo})
	}
	return out, nil
}

// Connect gives connection name's client, made once ("" is the default).
func (t *tuiConnections) Connect(ctx context.Context, name string) (*s3ops.Client, error) {
	if name == "" || name == connections.DemoName && t.defDemo {
		return t.def, nil
	}
	t.mu.Lock()
	if c, ok := t.clients[name]; ok {
		t.mu.Unlock()
		return c, nil
	}
	one := t.inFlight[name]
	if one == nil {
		one = &sync.Mutex{}
		t.inFlight[name] = one
	}
	t.mu.Unlock()
	one.Lock() // a second pane choosing it meanwhile waits for the first
	defer one.Unlock()
	t.mu.Lock()
	c, ok := t.clients[name]
	conn := t.made[name]
	t.mu.Unlock()
	if ok {
		return c, nil
	}
	if conn == nil {
		def, err := t.set.Lookup(name)
		if err != nil {
			return nil, err
		}
		flags := &connFlags{settings: def.Settings(), pathStyle: pathStyle{on: def.PathStyle}, demo: def.Demo}
		conn = &connection{flags: flags, connect: t.connect, ownDemo: true}
		t.mu.Lock()
		t.made[name] = conn
		t.mu.Unlock()
	}
	c, err := conn.client(ctx)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.clients[name] = c
	t.mu.Unlock()
	return c, nil
}

// Check resolves connection name's credentials; the demo, not started
// yet, makes its own keys when it starts.
func (t *tuiConnections) Check(ctx context.Context, name string) connections.Credentials {
	if c, _ := t.set.Get(name); c.Demo && !t.defDemo {
		t.mu.Lock()
		_, started := t.clients[name]
		t.mu.Unlock()
		if !started {
			return connections.Credentials{OK: true, Kind: "keys made when it starts"}
		}
	}
	return connections.Check(ctx, func(ctx context.Context) (aws.Credentials, error) {
		c, err := t.Connect(ctx, name)
		if err != nil {
			return aws.Credentials{}, err
		}
		return c.Credentials(ctx)
	})
}

// engine is the transfer engine of connection name, made once, with a
// journal of its own ("demo"'s is the demo's, whichever way it runs).
func (t *tuiConnections) engine(name string) (*transfer.Engine, error) {
	c, err := t.Connect(context.Background(), name)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.engines[name]; ok {
		return e, nil
	}
	o := t.txOpts
	journal := "conn-" + name
	if name == connections.DemoName {
		journal = "demo"
	}
	o.JournalPath = journalPath(context.Background(), c, t.dirs, journal)
	e := transfer.New(c, o)
	t.engines[name] = e
	return e, nil
}

// closeEngines closes the named connections' engines (running jobs stop
// where they are; their journals bring them back).
func (t *tuiConnections) closeEngines() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs []error
	for _, e := range t.engines {
		errs = append(errs, e.Close())
	}
	return errors.Join(errs...)
}

// close stops what the named connections started (a demo gateway).
func (t *tuiConnections) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range t.made {
		c.close()
	}
}
