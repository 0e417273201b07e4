import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { applyKeyset } from '../../../shared/database/keyset';
import { tuplePlaceholders } from '../../../shared/database/per-turn-batch';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { EFFECTIVE_STATUSES, PENDING_STATUSES, ReportStatus } from '../remote-work-report.enums';

/** A report with `superseded` worked out from the journal. */
export interface StoredReport {
  entity: RemoteWorkReportEntity;
  superseded: boolean;
}

const EFFECTIVE_SQL = EFFECTIVE_STATUSES.map((s) => `'${s}'`).join(', ');

// Superseded is derived, never stored: a later effective report of the same organization and
// week exists. "Later" is (created_at, id), the receipt order, whichever report finished first.
// ix_rwr_org_week_created makes it one short index probe per report.
const SUPERSEDED_SQL = `EXISTS (
  SELECT 1 FROM remote_work_reports later
  WHERE later.organization_id = r.organization_id
    AND later.reporting_week = r.reporting_week
    AND later.status IN (${EFFECTIVE_SQL})
    AND (later.created_at > r.created_at OR (later.created_at = r.created_at AND later.id > r.id))
)`;

// Every column of a new report, in the order of INSERT_SQL. Written out rather than built by the
// ORM: the insert runs once per upload, and the query builder cost more than the statement.
const INSERT_COLUMNS: readonly [string, keyof RemoteWorkReportEntity][] = [
  ['id', 'id'],
  ['organization_id', 'organizationId'],
  ['reporting_week', 'reportingWeek'],
  ['status', 'status'],
  ['revision', 'revision'],
  ['submitted_at', 'submittedAt'],
  ['processed_at', 'processedAt'],
  ['file_name', 'fileName'],
  ['file_size', 'fileSize'],
  ['sha256', 'sha256'],
  ['original_key', 'originalKey'],
  ['result_key', 'resultKey'],
  ['total_employees', 'totalEmployees'],
  ['remote_employees', 'remoteEmployees'],
  ['rows_total', 'rowsTotal'],
  ['rows_accepted', 'rowsAccepted'],
  ['rows_rejected', 'rowsRejected'],
  ['sheet_issues', 'sheetIssues'],
  ['error_code', 'errorCode'],
  ['attempts', 'attempts'],
  ['submitted_by_user_id', 'submittedByUserId'],
  ['api_client_id', 'apiClientId'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
];
const COLUMN_OF = new Map(INSERT_COLUMNS.map(([column, key]) => [key, column]));

function toParameter(key: keyof RemoteWorkReportEntity, value: unknown): unknown {
  return key === 'sheetIssues' && value !== null && value !== undefined
    ? JSON.stringify(value)
    : value;
}

/** A row of `SELECT_ONE_SQL`: the columns by name, and `superseded` as 0 or 1. */
type ReportRow = Record<string, unknown> & { superseded: number | string };

// The hot reads (the worker's first read of a report and the view it announces, the API's
// `remoteWorkReport(id)`) are plain statements; the journal pages keep the query builder.
const SELECT_ONE_SQL = `SELECT ${INSERT_COLUMNS.map(([c]) => `r.${c}`).join(', ')},
  ${SUPERSEDED_SQL} AS superseded
  FROM remote_work_reports r`;

function storedReportOf(row: ReportRow): StoredReport {
  const entity = new RemoteWorkReportEntity();
  const target = entity as unknown as Record<string, unknown>;
  for (const [column, key] of INSERT_COLUMNS) {
    target[key] = row[column];
  }
  // DATE arrives as a Date at UTC midnight (timezone Z); the entity keeps 'YYYY-MM-DD'.
  const week = row.reporting_week;
  entity.reportingWeek = week instanceof Date ? week.toISOString().slice(0, 10) : String(week);
  const issues = row.sheet_issues;
  entity.sheetIssues = (
    typeof issues === 'string' ? JSON.parse(issues) : (issues ?? null)
  ) as RemoteWorkReportEntity['sheetIssues'];
  return { entity, superseded: Number(row.superseded) === 1 };
}

const INSERT_SQL = `INSERT INTO remote_work_reports (${INSERT_COLUMNS.map(([c]) => c).join(', ')})
  VALUES `;

/** The only ORM user of `remote_work_reports`. */
@Injectable()
export class RemoteWorkReportRepository {
  insert(em: EntityManager, report: RemoteWorkReportEntity): Promise<void> {
    return this.insertMany(em, [report]);
  }

  /** New reports in one statement: every one of them, or none when one is refused. */
  async insertMany(em: EntityManager, reports: readonly RemoteWorkReportEntity[]): Promise<void> {
    await em.query(
      INSERT_SQL + tuplePlaceholders(reports.length, INSERT_COLUMNS.length),
      reports.flatMap((report) => INSERT_COLUMNS.map(([, key]) => toParameter(key, report[key]))),
    );
  }

  findById(em: EntityManager, id: string): Promise<RemoteWorkReportEntity | null> {
    return em.findOneBy(RemoteWorkReportEntity, { id });
  }

  /** A report with `superseded`, whatever its organization (for the worker). */
  async findWithSuperseded(em: EntityManager, id: string): Promise<StoredReport | null> {
    const [row] = await em.query<ReportRow[]>(`${SELECT_ONE_SQL} WHERE r.id = ?`, [id]);
    return row ? storedReportOf(row) : null;
  }

  /** A report of one organization, with `superseded`; null for another organization's id. */
  async findInOrganization(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<StoredReport | null> {
    const [row] = await em.query<ReportRow[]>(
      `${SELECT_ONE_SQL} WHERE r.id = ? AND r.organization_id = ?`,
      [id, organizationId],
    );
    return row ? storedReportOf(row) : null;
  }

  /** A page of an organization's journal, newest first (`first + 1` rows, see toConnection). */
  findPage(
    em: EntityManager,
    filter: { organizationId: string; week?: string },
    first: number,
    after?: string,
  ): Promise<StoredReport[]> {
    const qb = this.filtered(em, filter);
    return this.withSuperseded(applyKeyset(qb, 'r', first, after));
  }

  count(em: EntityManager, filter: { organizationId: string; week?: string }): Promise<number> {
    return this.filtered(em, filter).getCount();
  }

  findBySha256(
    em: EntityManager,
    organizationId: string,
    reportingWeek: string,
    sha256: string,
  ): Promise<RemoteWorkReportEntity | null> {
    return em.findOneBy(RemoteWorkReportEntity, { organizationId, reportingWeek, sha256 });
  }

  /** The report that counts for a week: the latest received ACCEPTED or PARTIALLY_ACCEPTED one. */
  findEffective(
    em: EntityManager,
    organizationId: string,
    reportingWeek: string,
  ): Promise<RemoteWorkReportEntity | null> {
    return em.findOne(RemoteWorkReportEntity, {
      where: { organizationId, reportingWeek, status: In([...EFFECTIVE_STATUSES]) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * Whether a report of another organization waits for a parser slot (QUEUED). Two seeks on
   * ix_rwr_status_org (status, organization_id), however many reports wait.
   */
  async anotherOrganizationWaits(em: EntityManager, organizationId: string): Promise<boolean> {
    const found = await this.query(em)
      .select('r.id')
      .where('r.status = :queued AND r.organization_id <> :organizationId', {
        queued: ReportStatus.QUEUED,
        organizationId,
      })
      .limit(1)
      .getRawOne<{ r_id: string }>();
    return found !== undefined;
  }

  /** Reports still waiting for a job, unchanged since `changedBefore`, in (updatedAt, id) order. */
  findPending(
    em: EntityManager,
    changedBefore: Date,
    limit: number,
    after?: { updatedAt: Date; id: string },
  ): Promise<RemoteWorkReportEntity[]> {
    const qb = this.query(em)
      .where('r.status IN (:...pending) AND r.updated_at <= :changedBefore', {
        pending: PENDING_STATUSES,
        changedBefore,
      })
      .orderBy('r.updated_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit);
    if (after) {
      qb.andWhere('(r.updated_at > :au OR (r.updated_at = :au AND r.id > :ai))', {
        au: after.updatedAt,
        ai: after.id,
      });
    }
    return qb.getMany();
  }

  /**
   * Moves a report to `status` only if it is in one of `from` (a compare-and-set, so a stale job
   * or a second worker cannot overwrite a newer state); bumps the revision. False when it was not.
   */
  async transition(
    em: EntityManager,
    id: string,
    from: readonly ReportStatus[],
    status: ReportStatus,
    changes: Partial<RemoteWorkReportEntity>,
    /** Only if the row is still at this revision (nothing else changed it since). */
    revision?: number,
  ): Promise<boolean> {
    const set = Object.entries(changes).map(([key, value]) => {
      const column = COLUMN_OF.get(key as keyof RemoteWorkReportEntity);
      if (!column || key === 'status' || key === 'revision' || key === 'id') {
        throw new Error(`remote_work_reports: ${key} is not a column a transition sets`);
      }
      return [column, toParameter(key as keyof RemoteWorkReportEntity, value)] as const;
    });
    const result = await em.query<{ affectedRows: number }>(
      `UPDATE remote_work_reports
       SET ${set.map(([column]) => `${column} = ?, `).join('')}status = ?, revision = revision + 1
       WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})
       ${revision === undefined ? '' : 'AND revision = ?'}`,
      [
        ...set.map(([, value]) => value),
        status,
        id,
        ...from,
        ...(revision === undefined ? [] : [revision]),
      ],
    );
    return result.affectedRows > 0;
  }

  /**
   * Remembers where the rendered result workbook of a finished report is kept. Only the first
   * rendering is recorded; the view does not change, so neither does the revision.
   */
  async recordResultKey(em: EntityManager, id: string, resultKey: string): Promise<void> {
    await em.query(
      'UPDATE remote_work_reports SET result_key = ? WHERE id = ? AND result_key IS NULL',
      [resultKey, id],
    );
  }

  private query(em: EntityManager) {
    return em.getRepository(RemoteWorkReportEntity).createQueryBuilder('r');
  }

  private filtered(em: EntityManager, filter: { organizationId: string; week?: string }) {
    const qb = this.query(em).where('r.organization_id = :organizationId', {
      organizationId: filter.organizationId,
    });
    if (filter.week) {
      qb.andWhere('r.reporting_week = :week', { week: filter.week });
    }
    return qb;
  }

  private async withSuperseded(
    qb: ReturnType<RemoteWorkReportRepository['query']>,
  ): Promise<StoredReport[]> {
    const { entities, raw } = await qb
      .addSelect(SUPERSEDED_SQL, 'superseded')
      .getRawAndEntities<{ superseded: number | string }>();
    return entities.map((entity, i) => ({
      entity,
      superseded: Number(raw[i].superseded) === 1,
    }));
  }
}
