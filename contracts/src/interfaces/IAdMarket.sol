// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAdMarket
/// @notice Advertisers escrow HXA in campaigns that target H3 cells; clicks are credited off-chain
/// and settled here in epochs: the settler posts a Merkle root of every account's cumulative
/// earnings plus each touched campaign's cumulative spend, and accounts claim the difference.
interface IAdMarket {
    // ------------------------------------------------------------------ structs

    /// @notice A campaign's on-chain state.
    /// @param advertiser Creator; the only account that may manage the campaign.
    /// @param start First second at which clicks may be credited.
    /// @param end First second at which clicks may no longer be credited (lowered by `endCampaign`).
    /// @param paused Whether the advertiser paused it (clicks are not credited while paused).
    /// @param withdrawn Whether the unspent budget was withdrawn (the campaign is closed for good).
    /// @param budget HXA escrowed in total (creation plus top-ups; set to `spent` on withdrawal).
    /// @param spent Cumulative spend posted by the newest non-vetoed epoch that touched the campaign;
    /// never exceeds `budget`. A veto's undo (`undoVetoedSpend`) takes it back to its earlier value.
    /// @param spentEpoch Epoch that last set `spent` (0 before any); the spend counts as activated once
    /// `spentEpoch <= activeEpochId`.
    /// @param cpc Price of one paid click.
    /// @param targetsHash keccak256(abi.encodePacked(targets)) of the targets emitted at creation.
    struct Campaign {
        address advertiser;
        uint40 start;
        uint40 end;
        bool paused;
        bool withdrawn;
        uint112 budget;
        uint112 spent;
        uint32 spentEpoch;
        uint128 cpc;
        bytes32 targetsHash;
    }

    /// @notice An EIP-2612 permit signature for the HXA a call pulls.
    struct PermitSig {
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Where an epoch stands. `Pending` epochs become claimable once due; an epoch below the
    /// active one that is still `Pending` was superseded (its cumulative root is contained in the
    /// active one).
    enum EpochStatus {
        None,
        Pending,
        Vetoed
    }

    /// @notice One posted epoch, kept in a ring of `MAX_PENDING` + 1 entries.
    /// @param root Merkle root of every account's cumulative earnings.
    /// @param spendHash Rolling hash of this epoch's spend changes (see `SpendChange`), what an undo
    /// after a veto replays; zero once undone (or when the epoch changed no spend).
    /// @param total Sum of all cumulative earnings in `root` = all spend settled up to this epoch.
    /// @param cutoff Every click credited before this time is settled by this epoch.
    /// @param activatesAt When anyone may activate it (never earlier than its parent's).
    /// @param parent The non-vetoed epoch this one builds on (0 for none).
    /// @param status Pending or Vetoed.
    struct Epoch {
        bytes32 root;
        bytes32 spendHash;
        uint128 total;
        uint40 cutoff;
        uint40 activatesAt;
        uint32 parent;
        EpochStatus status;
    }

    /// @notice One campaign's spend change by an epoch, as hashed into `Epoch.spendHash`:
    /// `h = keccak256(abi.encode(h, campaignId, previous, previousEpoch, spent))`, in settle order.
    struct SpendChange {
        uint256 campaignId;
        uint256 previous;
        uint256 previousEpoch;
        uint256 spent;
    }

    /// @notice Shares of one paid click in basis points; they sum to 10,000.
    struct Split {
        uint16 viewerBps;
        uint16 ownerBps;
        uint16 protocolBps;
    }

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when a campaign id does not exist.
    error UnknownCampaign(uint256 campaignId);
    /// @notice Thrown when `caller` manages a campaign it did not create.
    error NotAdvertiser(uint256 campaignId, address caller);
    /// @notice Thrown when `cpc` is below the global minimum.
    error CpcTooLow(uint256 cpc, uint256 minCpc);
    /// @notice Thrown when a budget is zero or smaller than one click.
    error BudgetTooLow(uint256 budget, uint256 cpc);
    /// @notice Thrown when a campaign window is empty or already over.
    error InvalidWindow(uint256 start, uint256 end);
    /// @notice Thrown when the target list is empty or longer than `max`.
    error InvalidTargetCount(uint256 count, uint256 max);
    /// @notice Thrown when a target is not a valid H3 cell of resolution 0 to 7.
    error InvalidTarget(uint256 target);
    /// @notice Thrown when managing a campaign that has already ended.
    error CampaignEnded(uint256 campaignId, uint256 end);
    /// @notice Thrown when pausing a paused campaign or resuming a running one.
    error PausedStateUnchanged(uint256 campaignId, bool paused);
    /// @notice Thrown when an extension does not move the end later.
    error EndNotLater(uint256 campaignId, uint256 end, uint256 newEnd);
    /// @notice Thrown when withdrawing before the campaign ended and an activated epoch's cutoff
    /// reached its end (or, without one, before `end + ESCAPE_DELAY`).
    error WithdrawTooEarly(uint256 campaignId, uint256 end, uint256 activeCutoff);
    /// @notice Thrown when withdrawing while an epoch that is not active yet changed the campaign's spend.
    error SpendNotActive(uint256 campaignId, uint256 spentEpoch, uint256 activeEpochId);
    /// @notice Thrown when an epoch's cutoff is in the future or before the previous epoch's.
    error InvalidCutoff(uint256 cutoff, uint256 lastCutoff);
    /// @notice Thrown when withdrawing a campaign twice.
    error AlreadyWithdrawn(uint256 campaignId);
    /// @notice Thrown when a posted cumulative spend is lower than the campaign's settled spend.
    error SpendDecreased(uint256 campaignId, uint256 spent, uint256 cumulative);
    /// @notice Thrown when a posted cumulative spend exceeds the campaign's budget.
    error CampaignBudgetExceeded(uint256 campaignId, uint256 cumulative, uint256 budget);
    /// @notice Thrown when arrays passed together have different lengths.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice Thrown when posting an epoch whose id is not the next one.
    error UnexpectedEpoch(uint256 epochId, uint256 expected);
    /// @notice Thrown when a posted total does not grow by exactly the spend settled in this epoch.
    error TotalMismatch(uint256 total, uint256 expected);
    /// @notice Thrown when the root of an epoch is zero.
    error ZeroRoot();
    /// @notice Thrown when activating or vetoing an epoch that is not pending above the active one.
    error NoPendingEpoch(uint256 epochId);
    /// @notice Thrown when activating an epoch before its challenge period is over.
    error ChallengePeriodActive(uint256 epochId, uint256 activatesAt);
    /// @notice Thrown when posting would leave more than `MAX_PENDING` epochs above the active one.
    error TooManyPending(uint256 epochId, uint256 activeEpochId);
    /// @notice Thrown when settling or posting before a veto's spend changes are undone.
    error UndoPending(uint256 epochId);
    /// @notice Thrown when an undo names another epoch than the next one to undo.
    error NotUndoing(uint256 epochId, uint256 expected);
    /// @notice Thrown when the changes passed to an undo do not hash to the epoch's spend hash, or a
    /// campaign is not in the state the change left it in.
    error UndoMismatch(uint256 epochId, uint256 campaignId);
    /// @notice Thrown when the challenge period is below the floor of a production chain.
    error ChallengePeriodTooShort(uint256 period, uint256 min);
    /// @notice Thrown when applying a challenge period that is not scheduled or not due yet.
    error ChallengePeriodNotDue(uint256 readyAt);
    /// @notice Thrown when granting the settler or guardian role without a schedule that has matured.
    error RoleGrantNotReady(bytes32 role, address account, uint256 readyAt);
    /// @notice Thrown when scheduling a grant or revocation for a role that changes at once.
    error RoleNotDelayed(bytes32 role);
    /// @notice Thrown when revoking the guardian role without a schedule that has matured.
    error RoleRevokeNotReady(bytes32 role, address account, uint256 readyAt);
    /// @notice Thrown when an epoch raises the spend of a campaign whose unspent budget was withdrawn
    /// (through the escape hatch, before its last clicks settled): those credits can no longer be paid.
    error CampaignClosed(uint256 campaignId);
    /// @notice Thrown when a Merkle proof does not prove (`account`, `cumulative`) against the active root.
    error InvalidProof(address account, uint256 cumulative);
    /// @notice Thrown when `cumulative` is not above what `account` already claimed.
    error NothingToClaim(address account, uint256 cumulative, uint256 claimed);
    /// @notice Thrown when a claim would take the sum of all claims above the settled total: a root
    /// that moves earnings between accounts can never pay out more than campaigns spent.
    /// @param account The account claiming.
    /// @param claimedTotal Sum of all claims including this one.
    /// @param settled Sum of all spend settled.
    error ClaimsExceedSettled(address account, uint256 claimedTotal, uint256 settled);
    /// @notice Thrown when a split does not sum to 10,000 bps or breaks its bounds.
    error InvalidSplit(uint256 viewerBps, uint256 ownerBps, uint256 protocolBps);
    /// @notice Thrown when the challenge period is above the maximum.
    error ChallengePeriodTooLong(uint256 period, uint256 max);
    /// @notice Thrown when an address parameter is the zero address.
    error ZeroAddress();
    /// @notice Thrown when a delivery would never show the ad: a schedule with no day or no hour, a
    /// day bit above Saturday, or a daily budget below one click.
    error InvalidDelivery(uint256 campaignId);
    /// @notice Thrown when a new creative URI is empty.
    error EmptyCreative(uint256 campaignId);

    // ------------------------------------------------------------------ events

    /// @notice Emitted when a campaign is created; `targets` are its compacted H3 cells (res 0-7).
    event CampaignCreated(
        uint256 indexed campaignId,
        address indexed advertiser,
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string creativeURI,
        uint64[] targets
    );
    /// @notice Emitted when the advertiser pauses a campaign.
    event CampaignPaused(uint256 indexed campaignId);
    /// @notice Emitted when the advertiser resumes a campaign.
    event CampaignResumed(uint256 indexed campaignId);
    /// @notice Emitted when the advertiser adds `amount` to the budget.
    event CampaignToppedUp(uint256 indexed campaignId, uint256 amount, uint256 budget);
    /// @notice Emitted when the advertiser moves the end later.
    event CampaignExtended(uint256 indexed campaignId, uint40 end);
    /// @notice Emitted when the advertiser ends a campaign early; `end` is the new end (now).
    event CampaignEndedEarly(uint256 indexed campaignId, uint40 end);
    /// @notice Emitted when the advertiser sets a campaign's delivery: at most `dailyBudget` spent per
    /// UTC day (0: no daily limit), only on the UTC weekdays of `daysMask` (bit d = day d, 0 = Sunday)
    /// and the UTC hours of `hoursMask` (bit h = hour h). The indexer's click path enforces it.
    event CampaignDeliveryUpdated(
        uint256 indexed campaignId, uint256 dailyBudget, uint8 daysMask, uint24 hoursMask
    );
    /// @notice Emitted when the advertiser replaces a campaign's creative; clicks on ads shown with
    /// the old one are still paid.
    event CreativeUpdated(uint256 indexed campaignId, string creativeURI);
    /// @notice Emitted when the unspent budget `amount` is returned to the advertiser.
    event CampaignWithdrawn(uint256 indexed campaignId, address indexed advertiser, uint256 amount);
    /// @notice Emitted for each campaign whose cumulative spend an epoch settles; `previous` and
    /// `previousEpoch` are what it replaces (what an undo after a veto restores).
    event CampaignSpendSettled(
        uint256 indexed campaignId,
        uint256 indexed epochId,
        uint256 spent,
        uint256 previous,
        uint256 previousEpoch
    );
    /// @notice Emitted when an undo after a veto restores a campaign's spend to `spent` (set by `spentEpoch`).
    event CampaignSpendUndone(
        uint256 indexed campaignId, uint256 indexed epochId, uint256 spent, uint256 spentEpoch
    );
    /// @notice Emitted when an epoch is posted: it builds on `parent`, settles every click credited
    /// before `cutoff`, its leaves hash to `leavesHash` (the file the indexer serves) and anyone may
    /// activate it at `activatesAt`.
    event EpochPosted(
        uint256 indexed epochId,
        bytes32 root,
        uint256 total,
        uint40 cutoff,
        uint40 activatesAt,
        uint256 parent,
        bytes32 leavesHash
    );
    /// @notice Emitted when an epoch's root becomes the claimable root; every pending epoch below it
    /// is superseded (its cumulative amounts are contained in this root).
    event EpochActivated(uint256 indexed epochId, bytes32 root);
    /// @notice Emitted for each epoch a veto kills: the vetoed one and every pending epoch after it.
    event EpochVetoed(uint256 indexed epochId, bytes32 root);
    /// @notice Emitted when every spend change of vetoed epoch `epochId` has been undone.
    event EpochUndone(uint256 indexed epochId);
    /// @notice Emitted when a lower challenge period is scheduled; it applies from `readyAt`.
    event ChallengePeriodScheduled(uint256 period, uint256 readyAt);
    /// @notice Emitted when a settler or guardian grant is scheduled; `grantRole` works from `readyAt`.
    event RoleGrantScheduled(bytes32 indexed role, address indexed account, uint256 readyAt);
    /// @notice Emitted when a guardian's revocation is scheduled; `revokeRole` works from `readyAt`.
    event RoleRevokeScheduled(bytes32 indexed role, address indexed account, uint256 readyAt);
    /// @notice Emitted when `amount` is paid to `account`, bringing its claimed total to `cumulative`.
    event Claimed(address indexed account, uint256 amount, uint256 cumulative);
    /// @notice Emitted when the click split changes.
    event SplitUpdated(uint16 viewerBps, uint16 ownerBps, uint16 protocolBps);
    /// @notice Emitted when the minimum cpc changes.
    event MinCpcUpdated(uint256 minCpc);
    /// @notice Emitted when the challenge period changes.
    event ChallengePeriodUpdated(uint256 period);
    /// @notice Emitted when the treasury changes.
    event TreasuryUpdated(address treasury);

    // ------------------------------------------------------------------ advertisers

    /// @notice Creates a campaign and pulls `budget` HXA from the caller into escrow.
    /// @param targets Compacted H3 cells (resolution 0-7) where the ad shows.
    /// @return campaignId The new campaign's id (ids start at 1).
    function createCampaign(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets
    ) external returns (uint256 campaignId);

    /// @notice Like `createCampaign`, with an EIP-2612 permit for `budget`.
    function createCampaignWithPermit(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets,
        PermitSig calldata permit
    ) external returns (uint256 campaignId);

    /// @notice Pauses a running campaign.
    function pauseCampaign(uint256 campaignId) external;

    /// @notice Resumes a paused campaign.
    function resumeCampaign(uint256 campaignId) external;

    /// @notice Adds `amount` HXA to a campaign's budget.
    function topUp(uint256 campaignId, uint256 amount) external;

    /// @notice Moves a campaign's end later.
    function extend(uint256 campaignId, uint40 newEnd) external;

    /// @notice Ends a campaign now.
    function endCampaign(uint256 campaignId) external;

    /// @notice Sets a running campaign's daily budget and weekly schedule (UTC), replacing the last
    /// ones. Event only: the indexer refuses clicks past the day's budget or outside the schedule;
    /// the escrowed budget stays the on-chain cap on spend whatever these say.
    /// @param dailyBudget Most HXA spent per UTC day (0: no daily limit; else at least the cpc).
    /// @param daysMask Weekdays the ad runs: bit d = day d (0 = Sunday ... 6 = Saturday), not zero.
    /// @param hoursMask Hours the ad runs: bit h = hour h (0-23, UTC), not zero.
    function setDelivery(uint256 campaignId, uint256 dailyBudget, uint8 daysMask, uint24 hoursMask) external;

    /// @notice Replaces a running campaign's creative (`creativeURI` as in `createCampaign`). Event
    /// only: the indexer serves the new one from then on.
    function updateCreative(uint256 campaignId, string calldata creativeURI) external;

    /// @notice Returns the unspent budget to the advertiser once the campaign ended and an activated
    /// epoch whose cutoff is at or after its end has settled every click made before the end; or,
    /// as an escape hatch when no such epoch activates, from `end + ESCAPE_DELAY` on (unsettled clicks
    /// are then never paid). Only activated spend counts: it fails while a pending epoch changed it.
    function withdrawUnspent(uint256 campaignId) external;

    // ------------------------------------------------------------------ settlement

    /// @notice Settles cumulative spend for a chunk of campaigns ahead of `postEpoch` (settler only).
    /// Re-sending a chunk is harmless: spends are cumulative, so a repeat adds nothing.
    function settleSpend(uint256 epochId, uint256[] calldata campaignIds, uint256[] calldata cumulativeSpend)
        external;

    /// @notice Posts epoch `epochId` (settler only): settles a last chunk of campaign spends, then
    /// checks that `total` grew by exactly the spend settled for this epoch and queues `root`.
    /// @param cutoff Every click credited before this time is included (not in the future, never decreasing).
    /// @param leavesHash keccak256 of the epoch's full leaf file, so anyone can check the root.
    function postEpoch(
        uint256 epochId,
        bytes32 root,
        uint256 total,
        uint40 cutoff,
        bytes32 leavesHash,
        uint256[] calldata campaignIds,
        uint256[] calldata cumulativeSpend
    ) external;

    /// @notice Makes a pending epoch's root claimable once its challenge period is over (anyone).
    /// Roots are cumulative, so activating the newest due epoch supersedes the ones below it; the
    /// active epoch only moves forward.
    function activateEpoch(uint256 epochId) external;

    /// @notice Vetoes pending epoch `epochId` and every epoch after it, which build on it (guardian
    /// only): their roots never activate and the posted cutoff and total go back to its parent's.
    /// Their spend changes are then undone with `undoVetoedSpend` before the next post.
    function vetoEpoch(uint256 epochId) external;

    /// @notice Undoes the last `changes` of vetoed epoch `epochId` (anyone; the newest vetoed epoch
    /// first, its changes from the last backwards, in chunks).
    /// @param hashBefore The epoch's rolling spend hash before `changes[0]` (zero for its first change).
    /// @param changes The epoch's last changes in settle order, as `CampaignSpendSettled` logged them.
    function undoVetoedSpend(uint256 epochId, bytes32 hashBefore, SpendChange[] calldata changes) external;

    /// @notice Pays `account` its `cumulative` earnings minus what it already claimed (anyone may call).
    function claim(address account, uint256 cumulative, bytes32[] calldata proof) external;

    /// @notice Claims for several accounts in one transaction.
    function claimBatch(
        address[] calldata accounts,
        uint256[] calldata cumulatives,
        bytes32[][] calldata proofs
    ) external;

    // ------------------------------------------------------------------ views

    /// @notice A campaign's state.
    function getCampaign(uint256 campaignId) external view returns (Campaign memory);

    /// @notice Epoch `epochId` while it is among the last `MAX_PENDING` + 1 posted (a zero struct otherwise).
    function getEpoch(uint256 epochId) external view returns (Epoch memory);

    /// @notice The current click split.
    function split() external view returns (uint16 viewerBps, uint16 ownerBps, uint16 protocolBps);

    // ------------------------------------------------------------------ admin

    /// @notice Sets the click split (admin only): sums to 10,000, viewer >= 40 %, protocol <= 20 %.
    function setSplit(uint16 viewerBps, uint16 ownerBps, uint16 protocolBps) external;

    /// @notice Sets the minimum cpc for new campaigns (admin only).
    function setMinCpc(uint256 minCpc) external;

    /// @notice Sets the challenge period for new epochs (admin only; bounded, with a floor outside
    /// chain 31337). A longer period applies at once; a shorter one is scheduled and applies one
    /// current period later (`applyChallengePeriod`).
    function setChallengePeriod(uint256 period) external;

    /// @notice Applies a scheduled shorter challenge period once due (anyone).
    function applyChallengePeriod() external;

    /// @notice Schedules a grant of the settler or guardian role (admin only): `grantRole` for it
    /// succeeds only a full challenge period later, so the guardian sees it coming.
    function scheduleRoleGrant(bytes32 role, address account) external;

    /// @notice Schedules revoking the guardian role from `account` (admin only): `revokeRole` for it
    /// succeeds only a full challenge period later, so the only check on the settler cannot be removed
    /// at once. The settler role is revoked at once (that only takes power away).
    function scheduleRoleRevoke(bytes32 role, address account) external;

    /// @notice Sets the treasury (admin only).
    function setTreasury(address treasury) external;
}
