import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InformationSystemEntity } from '../entities/information-system.entity';
import {
  RegistrationFlagCode,
  RegistrationReviewFlag,
} from '../graphql/registration-review-flag.type';
import { Environment, RegistrationStatus } from '../inter-agency.enums';
import { HeldEventRepository } from '../repositories/held-event.repository';
import { InformationSystemRepository } from '../repositories/information-system.repository';
import { InterAgencyMessageRepository } from '../repositories/inter-agency-message.repository';

// What keeps a TEST registration from the automatic activation: traffic already uses the mnemonic.
const HOLDING = new Set([
  RegistrationFlagCode.HELD_TRAFFIC,
  RegistrationFlagCode.TRAFFIC_UNDER_OTHER_ORGANIZATION,
]);

const ENV_TEXT: Record<Environment, string> = { TEST: 'тестовой', PROD: 'продуктивной' };

/**
 * The operator's view of a PENDING registration: whether its mnemonic already has traffic or
 * claims under another organization (a squat would receive the real traffic once approved).
 * Computed when the queue is read, so traffic that arrived after the registration counts too.
 */
@Injectable()
export class RegistrationReview {
  constructor(
    private readonly systems: InformationSystemRepository,
    private readonly held: HeldEventRepository,
    private readonly messages: InterAgencyMessageRepository,
  ) {}

  /** The flags that keep a TEST registration from the automatic activation (none: activate). */
  async holdingActivation(
    em: EntityManager,
    system: InformationSystemEntity,
  ): Promise<RegistrationFlagCode[]> {
    const flags = (await this.flags(em, [system])).get(system.id) ?? [];
    return flags.map((f) => f.code).filter((code) => HOLDING.has(code));
  }

  async flags(
    em: EntityManager,
    pending: readonly InformationSystemEntity[],
  ): Promise<Map<string, RegistrationReviewFlag[]>> {
    const result = new Map<string, RegistrationReviewFlag[]>(pending.map((s) => [s.id, []]));
    if (pending.length === 0) {
      return result;
    }
    const mnemonics = [...new Set(pending.map((s) => s.mnemonic))];
    const heldBy = new Map<Environment, Map<string, number>>();
    for (const environment of [Environment.TEST, Environment.PROD]) {
      const names = [
        ...new Set(pending.filter((s) => s.environment === environment).map((s) => s.mnemonic)),
      ];
      heldBy.set(environment, await this.held.countByMnemonics(em, environment, names));
    }
    const live = await this.systems.findLiveByMnemonics(em, mnemonics);
    const carriesMessages = new Map<string, boolean>();
    for (const system of pending) {
      const flags = result.get(system.id)!;
      const key = system.mnemonic.toLowerCase();
      const held = heldBy.get(system.environment)?.get(key) ?? 0;
      if (held > 0) {
        flags.push({
          code: RegistrationFlagCode.HELD_TRAFFIC,
          reason: `По мнемонике ${system.mnemonic} удержано событий: ${held}. Трафик идёт, а владелец мнемоники не подтверждён: проверьте, что система принадлежит заявителю.`,
        });
      }
      const rivals = live.filter(
        (r) => r.mnemonic.toLowerCase() === key && r.organizationId !== system.organizationId,
      );
      for (const rival of rivals.filter((r) => r.status === RegistrationStatus.ACTIVE)) {
        if (!carriesMessages.has(rival.id)) {
          carriesMessages.set(rival.id, await this.messages.hasMessagesOfSystem(em, rival));
        }
        if (carriesMessages.get(rival.id)) {
          flags.push({
            code: RegistrationFlagCode.TRAFFIC_UNDER_OTHER_ORGANIZATION,
            reason: `Мнемоника ${system.mnemonic} уже используется другой организацией в ${ENV_TEXT[rival.environment]} среде, по ней идут сообщения.`,
          });
          break;
        }
      }
      if (
        rivals.some(
          (r) => r.environment === system.environment && r.status === RegistrationStatus.PENDING,
        )
      ) {
        flags.push({
          code: RegistrationFlagCode.COMPETING_REGISTRATION,
          reason: `Эту мнемонику в ${ENV_TEXT[system.environment]} среде заявила и другая организация: одобрить можно только одну заявку.`,
        });
      }
    }
    return result;
  }
}
