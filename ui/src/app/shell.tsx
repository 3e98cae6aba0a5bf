import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { api } from '../api/client';
import { authStore } from '../api/auth-store';
import { MenuIcon, SearchIcon } from '../components/icons';
import { CommandPalette } from './command-palette';
import { NAV } from './nav';
import { NotificationsMenu } from './notifications-menu';
import { useSite } from './site-context';
import { useModules } from './use-modules';
import { useSession } from './use-session';

/** End the session here and on the server; the route guard then shows the sign-in page. */
export async function signOut(): Promise<void> {
  try {
    // The access token names the session; the server also clears the refresh cookie.
    await api('/auth/logout', { method: 'POST', body: {} });
  } catch {
    // Signing out locally is what matters; the refresh token expires on its own.
  }
  authStore.signOut();
}

function SitePicker() {
  const { sites, siteId, setSiteId } = useSite();
  if (!sites || sites.length === 0) return null;
  return (
    <label className="site-picker">
      <span className="sr-only">Site</span>
      <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The frame around every signed-in page: navigation, site picker, search, notifications. */
export function Shell({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const enabled = useModules();

  useEffect(() => {
    setMenuOpen(false);
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          aria-label="Menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <MenuIcon />
        </button>
        <Link to="/" className="brand" aria-label="igny8 dashboard home">
          igny8
        </Link>
        <SitePicker />
        <button
          type="button"
          className="search-button"
          onClick={() => window.dispatchEvent(new Event('igny8:search'))}
          aria-label="Search"
          aria-keyshortcuts="Control+K"
        >
          <SearchIcon /> <span className="search-label">Search</span> <kbd aria-hidden="true">Ctrl K</kbd>
        </button>
        <NotificationsMenu />
        <div className="user">
          <span className="user-name" title={user?.email}>
            {user?.name || user?.email}
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav id="main-nav" className={`sidebar ${menuOpen ? 'open' : ''}`} aria-label="Main">
        <ul>
          {NAV.filter((n) => !n.module || enabled(n.module)).map((n) => (
            <li key={n.to}>
              <NavLink to={n.to}>
                <span aria-hidden="true" className="nav-icon">
                  {n.icon}
                </span>
                {n.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <CommandPalette />
    </div>
  );
}
