/** Handlers that keep the window current: the data revision with today, the latest quarter with data, 本机使用人. */
import type { DataApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import type { DataRevision } from './revision';
import { formatDate } from '../../domain/quarter';
import { today } from '../../domain/clock';
import { failure } from '../../domain/result';
import { latestQuarterWithData } from '../data/latestQuarter';
import { configuredLocalUser, localUser, setLocalUser } from '../settings/localUser';
import { audit } from '../db/audit';
import { regionOrFail } from './registry';

/** A name as it is written in the audit log: one line, at most 32 characters. */
const MAX_NAME = 32;

export function dataHandlers(ctx: ServiceContext, revision: DataRevision): ImplTable<keyof DataApi> {
  const userInfo = () => ({ name: configuredLocalUser(ctx.db), effective: localUser(ctx.db) });
  return {
    'data.revision': () => ({ revision: revision.observe(), session: revision.session, today: formatDate(today()) }),
    'data.latestQuarter': (a) => ({ quarter: latestQuarterWithData(ctx.db, regionOrFail(ctx, a.region)) }),
    'settings.localUser': () => userInfo(),
    'settings.setLocalUser': (a) => {
      const name = typeof a.name === 'string' ? a.name.normalize('NFKC').trim() : '';
      if (!name || name.length > MAX_NAME || /[\p{Cc}\p{Cf}]/u.test(name)) throw failure('E_SETTINGS_USER', { max: MAX_NAME });
      const before = configuredLocalUser(ctx.db);
      if (before !== name) {
        ctx.db.transaction(() => {
          setLocalUser(ctx.db, name);
          audit(ctx.db, name, 'settings.localUser', 'meta', 'local_user', { from: before, to: name });
        })();
      }
      return userInfo();
    },
  };
}
