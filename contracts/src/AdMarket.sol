// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IAdMarket} from "./interfaces/IAdMarket.sol";
import {H3} from "./libraries/H3.sol";

/// @title AdMarket
/// @notice Campaign escrow and click settlement for HexAds. Advertisers escrow HXA budgets; the
/// indexer credits clicks off-chain and the settler posts epochs: a Merkle root of every account's
/// cumulative earnings, plus each touched campaign's cumulative spend. Epochs queue up; each becomes
/// claimable (anyone activates it) one challenge period after its post unless the guardian vetoes it.
/// Accounts claim the difference between their cumulative earnings and what they already claimed.
/// @dev Life cycle: posted (Pending) -> activated, or superseded when a later epoch activates first
/// (roots are cumulative), or Vetoed (with every epoch after it; their spend changes are then undone
/// by replaying them backwards against each epoch's rolling spend hash).
/// Conservation: the posted total only grows by exactly the spend an epoch settles, spend never
/// exceeds budget, claims never exceed the activated total, and a budget is only returned against
/// activated spend, so the escrow always covers unspent budgets plus activated-but-unclaimed earnings.
contract AdMarket is IAdMarket, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------ storage

    /// @notice May post epochs.
    bytes32 public constant SETTLER_ROLE = keccak256("SETTLER_ROLE");
    /// @notice May veto a pending epoch.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Most targets one campaign may list.
    uint256 public constant MAX_TARGETS = 256;
    /// @notice Longest challenge period the admin may set.
    uint256 public constant MAX_CHALLENGE_PERIOD = 7 days;
    /// @notice Shortest challenge period on any chain but the dev chain (31337).
    uint256 public constant MIN_CHALLENGE_PERIOD = 1 hours;
    /// @notice Most epochs that may wait above the active one (a week of hourly epochs fits).
    uint256 public constant MAX_PENDING = 255;
    /// @notice Time after a campaign's end from which its advertiser may withdraw without an
    /// activated epoch covering the end (the settler stopped).
    uint256 public constant ESCAPE_DELAY = 30 days;
    /// @dev Stored spend hash of an epoch with no spend changes (left): never zero, so that the ring's
    /// next lap rewrites the slot (5,000 gas) instead of setting it from zero (22,100).
    bytes32 internal constant NO_SPEND = bytes32(uint256(1));
    /// @dev Every weekday bit of a delivery schedule (Sunday to Saturday).
    uint8 internal constant ALL_DAYS = 0x7f;
    /// @dev Chain id of the local dev chain, where the challenge period may be zero.
    uint256 internal constant DEV_CHAIN_ID = 31337;

    /// @notice The token budgets and earnings are paid in.
    IERC20 public immutable hxa;
    /// @notice Receives the protocol's share (it claims like any account) and is the admin's payee.
    address public treasury;
    /// @notice Lowest cpc a new campaign may set.
    uint256 public minCpc;
    /// @notice A shorter challenge period waiting to apply (see `_periodReadyAt`).
    uint256 internal _scheduledPeriod;
    /// @notice When `_scheduledPeriod` may apply (0: nothing scheduled).
    uint256 internal _periodReadyAt;
    /// @notice When a settler or guardian grant to an account was scheduled (0: none).
    mapping(bytes32 role => mapping(address account => uint256 at)) internal _grantScheduledAt;
    /// @notice When revoking the guardian role from an account was scheduled (0: none).
    mapping(address account => uint256 at) internal _revokeScheduledAt;
    /// @notice Newest epoch a former guardian may still veto: the last one posted before its revocation.
    mapping(address account => uint256 epochId) internal _vetoUpTo;
    /// @dev Current click split.
    Split internal _split;

    /// @notice Number of campaigns created; ids run from 1 to campaignCount.
    uint256 public campaignCount;
    /// @dev Campaign state by id.
    mapping(uint256 campaignId => Campaign) internal _campaigns;

    /// @notice Total of the active epoch: the most claims may ever pay in all.
    uint128 public activeTotal;
    /// @notice Sum of all claims ever paid; never above activeTotal. Shares its slot, so a claim
    /// reads and writes one warm slot.
    uint128 public totalClaimed;
    /// @notice Root accounts claim against.
    bytes32 public activeRoot;

    /// @dev Both ends of the queue and the challenge period, in the one slot every post reads and
    /// writes. The posted end's total, cutoff and activation time are those of its ring entry.
    struct Queue {
        uint32 activeEpochId; // epoch whose root is active
        uint40 activeCutoff; // its cutoff
        uint32 period; // challenge period (at most MAX_CHALLENGE_PERIOD)
        uint32 lastEpochId; // highest epoch id used (vetoed ones included)
        uint32 goodEpochId; // newest non-vetoed epoch (the next one's parent)
        bool busy; // _building holds something (chunks or an undo): a plain post skips reading it
    }

    /// @dev The epoch being settled in chunks (settleSpend) and an undo in progress after a veto.
    struct Building {
        uint128 spend; // spend settled so far for epoch lastEpochId + 1
        uint32 undoTop; // next vetoed epoch whose changes must be undone (0: none)
        uint32 undoFloor; // lowest vetoed epoch of the last veto
        bool chunked; // whether _buildHash holds settleSpend chunks
    }

    Queue internal _queue;
    Building internal _building;
    /// @dev Rolling spend hash of the settleSpend chunks of epoch lastEpochId + 1.
    bytes32 internal _buildHash;
    /// @dev The last MAX_PENDING + 1 epochs, at epochId % (MAX_PENDING + 1).
    Epoch[MAX_PENDING + 1] internal _epochs;

    /// @notice Cumulative amount each account has claimed.
    mapping(address account => uint256 amount) public claimed;

    // ------------------------------------------------------------------ constructor

    /// @param hxa_ Token of budgets and earnings.
    /// @param admin Holder of DEFAULT_ADMIN_ROLE; handing it over takes `challengePeriod_` too.
    /// @param treasury_ Protocol treasury.
    /// @param settler Holder of SETTLER_ROLE (the indexer's settlement key).
    /// @param guardian Holder of GUARDIAN_ROLE.
    /// @param minCpc_ Initial minimum cpc.
    /// @param challengePeriod_ Initial challenge period (0 on the dev chain; at least
    /// MIN_CHALLENGE_PERIOD elsewhere).
    constructor(
        IERC20 hxa_,
        address admin,
        address treasury_,
        address settler,
        address guardian,
        uint256 minCpc_,
        uint256 challengePeriod_
    ) AccessControlDefaultAdminRules(SafeCast.toUint48(challengePeriod_), admin) {
        if (
            address(hxa_) == address(0) || admin == address(0) || treasury_ == address(0)
                || settler == address(0) || guardian == address(0)
        ) revert ZeroAddress();
        _checkChallengePeriod(challengePeriod_);
        hxa = hxa_;
        treasury = treasury_;
        minCpc = minCpc_;
        _queue.period = uint32(challengePeriod_);
        _split = Split(6000, 3000, 1000);
        _grantRole(SETTLER_ROLE, settler);
        _grantRole(GUARDIAN_ROLE, guardian);
        emit TreasuryUpdated(treasury_);
        emit MinCpcUpdated(minCpc_);
        emit ChallengePeriodUpdated(challengePeriod_);
        emit SplitUpdated(6000, 3000, 1000);
    }

    // ------------------------------------------------------------------ modifiers

    /// @dev Loads a campaign the caller created.
    function _own(uint256 campaignId) internal view returns (Campaign storage c) {
        c = _campaigns[campaignId];
        if (c.advertiser == address(0)) revert UnknownCampaign(campaignId);
        if (c.advertiser != msg.sender) revert NotAdvertiser(campaignId, msg.sender);
    }

    /// @dev Loads a campaign the caller created that has not ended.
    function _ownRunning(uint256 campaignId) internal view returns (Campaign storage c) {
        c = _own(campaignId);
        if (block.timestamp >= c.end) revert CampaignEnded(campaignId, c.end);
    }

    // ------------------------------------------------------------------ advertisers

    /// @inheritdoc IAdMarket
    function createCampaign(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets
    ) external returns (uint256 campaignId) {
        return _createCampaign(budget, cpc, start, end, creativeURI, targets);
    }

    /// @inheritdoc IAdMarket
    function createCampaignWithPermit(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets,
        PermitSig calldata permit
    ) external returns (uint256 campaignId) {
        // A failed permit (e.g. front-run) is ignored: the transfer fails anyway if allowance is short.
        try IERC20Permit(address(hxa))
            .permit(msg.sender, address(this), budget, permit.deadline, permit.v, permit.r, permit.s) {}
            catch {}
        return _createCampaign(budget, cpc, start, end, creativeURI, targets);
    }

    /// @inheritdoc IAdMarket
    function pauseCampaign(uint256 campaignId) external {
        Campaign storage c = _ownRunning(campaignId);
        if (c.paused) revert PausedStateUnchanged(campaignId, true);
        c.paused = true;
        emit CampaignPaused(campaignId);
    }

    /// @inheritdoc IAdMarket
    function resumeCampaign(uint256 campaignId) external {
        Campaign storage c = _ownRunning(campaignId);
        if (!c.paused) revert PausedStateUnchanged(campaignId, false);
        c.paused = false;
        emit CampaignResumed(campaignId);
    }

    /// @inheritdoc IAdMarket
    function topUp(uint256 campaignId, uint256 amount) external {
        Campaign storage c = _ownRunning(campaignId);
        if (amount == 0) revert BudgetTooLow(amount, c.cpc);
        uint256 budget = c.budget + amount;
        if (budget > type(uint112).max) revert BudgetTooLow(amount, c.cpc);
        c.budget = uint112(budget);
        emit CampaignToppedUp(campaignId, amount, budget);
        hxa.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IAdMarket
    function extend(uint256 campaignId, uint40 newEnd) external {
        Campaign storage c = _ownRunning(campaignId);
        if (newEnd <= c.end) revert EndNotLater(campaignId, c.end, newEnd);
        c.end = newEnd;
        emit CampaignExtended(campaignId, newEnd);
    }

    /// @inheritdoc IAdMarket
    function endCampaign(uint256 campaignId) external {
        Campaign storage c = _ownRunning(campaignId);
        uint40 nowTs = uint40(block.timestamp);
        c.end = nowTs;
        emit CampaignEndedEarly(campaignId, nowTs);
    }

    /// @inheritdoc IAdMarket
    function setDelivery(uint256 campaignId, uint256 dailyBudget, uint8 daysMask, uint24 hoursMask) external {
        Campaign storage c = _ownRunning(campaignId);
        // A schedule with no day or no hour, or a day's budget below one click, would never show the ad.
        if (
            daysMask == 0 || daysMask > ALL_DAYS || hoursMask == 0
                || (dailyBudget != 0 && dailyBudget < c.cpc)
        ) {
            revert InvalidDelivery(campaignId);
        }
        emit CampaignDeliveryUpdated(campaignId, dailyBudget, daysMask, hoursMask);
    }

    /// @inheritdoc IAdMarket
    function updateCreative(uint256 campaignId, string calldata creativeURI) external {
        _ownRunning(campaignId);
        if (bytes(creativeURI).length == 0) revert EmptyCreative(campaignId);
        emit CreativeUpdated(campaignId, creativeURI);
    }

    /// @inheritdoc IAdMarket
    function withdrawUnspent(uint256 campaignId) external {
        Campaign storage c = _own(campaignId);
        if (c.withdrawn) revert AlreadyWithdrawn(campaignId);
        Queue memory q = _queue;
        uint256 end = c.end;
        // Clicks made before the end are paid first: an activated epoch must have settled up to the
        // end, unless the settler has been silent so long that the budget must not stay locked.
        if (block.timestamp < end || (q.activeCutoff < end && block.timestamp < end + ESCAPE_DELAY)) {
            revert WithdrawTooEarly(campaignId, end, q.activeCutoff);
        }
        // Only activated spend counts: a pending epoch may still be vetoed (or activate).
        if (c.spentEpoch > q.activeEpochId) {
            revert SpendNotActive(campaignId, c.spentEpoch, q.activeEpochId);
        }
        uint256 amount = c.budget - c.spent;
        c.withdrawn = true;
        c.budget = c.spent;
        emit CampaignWithdrawn(campaignId, msg.sender, amount);
        if (amount != 0) hxa.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ settlement

    /// @inheritdoc IAdMarket
    function settleSpend(uint256 epochId, uint256[] calldata campaignIds, uint256[] calldata cumulativeSpend)
        external
        onlyRole(SETTLER_ROLE)
    {
        Building memory b = _building;
        _checkNext(epochId, b, _queue);
        bytes32 h = b.chunked ? _buildHash : bytes32(0);
        uint256 added;
        (added, h) = _settleSpend(epochId, campaignIds, cumulativeSpend, h);
        _building.spend = SafeCast.toUint128(b.spend + added);
        _building.chunked = true;
        _queue.busy = true;
        _buildHash = h;
    }

    /// @inheritdoc IAdMarket
    function postEpoch(
        uint256 epochId,
        bytes32 root,
        uint256 total,
        uint40 cutoff,
        bytes32 leavesHash,
        uint256[] calldata campaignIds,
        uint256[] calldata cumulativeSpend
    ) external onlyRole(SETTLER_ROLE) {
        if (root == bytes32(0)) revert ZeroRoot();
        Queue memory q = _queue;
        (bytes32 spendHash, uint40 parentActivatesAt) =
            _settleLastChunk(epochId, total, cutoff, campaignIds, cumulativeSpend, q);
        _enqueue(epochId, root, total, cutoff, leavesHash, spendHash, q, parentActivatesAt);
    }

    /// @dev Checks a post against the queue's posted end (its parent), settles its last chunk and
    /// checks its total; returns the epoch's rolling spend hash and the parent's activation time.
    function _settleLastChunk(
        uint256 epochId,
        uint256 total,
        uint40 cutoff,
        uint256[] calldata campaignIds,
        uint256[] calldata cumulativeSpend,
        Queue memory q
    ) internal returns (bytes32 h, uint40 parentActivatesAt) {
        Building memory b;
        if (q.busy) b = _building;
        _checkNext(epochId, b, q);
        uint256 expected;
        uint40 parentCutoff;
        (expected, parentCutoff, parentActivatesAt) = _entryOf(q.goodEpochId);
        if (cutoff > block.timestamp || cutoff < parentCutoff) revert InvalidCutoff(cutoff, parentCutoff);
        h = b.chunked ? _buildHash : bytes32(0);
        uint256 added;
        (added, h) = _settleSpend(epochId, campaignIds, cumulativeSpend, h);
        // The new root must distribute exactly what campaigns have spent in total: no more, no less.
        expected += b.spend + added;
        if (total != expected) revert TotalMismatch(total, expected);
        if (b.chunked) {
            delete _building;
            delete _buildHash;
        }
    }

    /// @dev Stores a checked epoch in the ring and activates it at once when its period is zero.
    function _enqueue(
        uint256 epochId,
        bytes32 root,
        uint256 total,
        uint40 cutoff,
        bytes32 leavesHash,
        bytes32 spendHash,
        Queue memory q,
        uint40 parentActivatesAt
    ) internal {
        uint32 parent = q.goodEpochId;
        // Never activatable before its parent: a shorter period must not open older content early.
        uint40 activatesAt = uint40(block.timestamp + q.period);
        if (activatesAt < parentActivatesAt) activatesAt = parentActivatesAt;
        _epochs[epochId % (MAX_PENDING + 1)] = Epoch({
            root: root,
            spendHash: _orNoSpend(spendHash),
            total: SafeCast.toUint128(total),
            cutoff: cutoff,
            activatesAt: activatesAt,
            parent: parent,
            status: EpochStatus.Pending
        });
        emit EpochPosted(epochId, root, total, cutoff, activatesAt, parent, leavesHash);
        q.lastEpochId = uint32(epochId);
        q.goodEpochId = uint32(epochId);
        q.busy = false;
        if (activatesAt <= block.timestamp) _activate(q, epochId, root, total, cutoff);
        _queue = q;
    }

    /// @inheritdoc IAdMarket
    function activateEpoch(uint256 epochId) external {
        Queue memory q = _queue;
        Epoch storage e = _pendingEpoch(epochId, q);
        uint256 activatesAt = e.activatesAt;
        if (block.timestamp < activatesAt) revert ChallengePeriodActive(epochId, activatesAt);
        _activate(q, epochId, e.root, e.total, e.cutoff);
        _queue = q;
    }

    /// @inheritdoc IAdMarket
    /// @dev A former guardian keeps its veto over the epochs posted while it was one: removing it
    /// must not give an epoch posted just before a window without a check.
    function vetoEpoch(uint256 epochId) external {
        if (epochId > _vetoUpTo[msg.sender]) _checkRole(GUARDIAN_ROLE);
        Queue memory q = _queue;
        Epoch storage vetoed = _pendingEpoch(epochId, q);
        uint32 parent = vetoed.parent;
        uint256 last = q.lastEpochId;
        // Every later pending epoch builds on this one: it goes too (at most MAX_PENDING of them).
        for (uint256 id = epochId; id <= last; ++id) {
            Epoch storage e = _epochs[id % (MAX_PENDING + 1)];
            if (e.status == EpochStatus.Pending) {
                e.status = EpochStatus.Vetoed;
                emit EpochVetoed(id, e.root);
            }
        }
        // An epoch being settled in chunks builds on it as well: it takes the next id, vetoed unposted.
        Building memory b = _building;
        if (b.chunked) {
            ++last;
            _epochs[last % (MAX_PENDING + 1)] = Epoch({
                root: bytes32(0),
                spendHash: _orNoSpend(_buildHash),
                total: 0,
                cutoff: 0,
                activatesAt: 0,
                parent: parent,
                status: EpochStatus.Vetoed
            });
            delete _buildHash;
            emit EpochVetoed(last, bytes32(0));
        }
        // The next post builds on the parent again (its ring entry holds total, cutoff, activation).
        uint32 undoTop = uint32(_nextToUndo(last, epochId));
        q.lastEpochId = uint32(last);
        q.goodEpochId = parent;
        q.busy = undoTop != 0;
        _queue = q;
        _building = Building(0, undoTop, uint32(epochId), false);
    }

    /// @inheritdoc IAdMarket
    function undoVetoedSpend(uint256 epochId, bytes32 hashBefore, SpendChange[] calldata changes) external {
        Building memory b = _building;
        if (b.undoTop == 0 || epochId != b.undoTop) revert NotUndoing(epochId, b.undoTop);
        Epoch storage e = _epochs[epochId % (MAX_PENDING + 1)];
        bytes32 h = hashBefore;
        uint256 n = changes.length;
        for (uint256 i; i < n; ++i) {
            SpendChange calldata ch = changes[i];
            h = keccak256(abi.encode(h, ch.campaignId, ch.previous, ch.previousEpoch, ch.spent));
        }
        if (h != e.spendHash) revert UndoMismatch(epochId, 0);
        // Backwards: each change finds the campaign exactly as it left it.
        for (uint256 i = n; i > 0; --i) {
            SpendChange calldata ch = changes[i - 1];
            Campaign storage c = _campaigns[ch.campaignId];
            if (c.spent != ch.spent || c.spentEpoch != epochId) revert UndoMismatch(epochId, ch.campaignId);
            c.spent = uint112(ch.previous);
            c.spentEpoch = uint32(ch.previousEpoch);
            emit CampaignSpendUndone(ch.campaignId, epochId, ch.previous, ch.previousEpoch);
        }
        e.spendHash = _orNoSpend(hashBefore);
        if (hashBefore == bytes32(0)) {
            emit EpochUndone(epochId);
            uint32 next = epochId > b.undoFloor ? uint32(_nextToUndo(epochId - 1, b.undoFloor)) : 0;
            _building.undoTop = next;
            if (next == 0) _queue.busy = false;
        }
    }

    /// @inheritdoc IAdMarket
    function claim(address account, uint256 cumulative, bytes32[] calldata proof) external {
        _claim(account, cumulative, proof);
    }

    /// @inheritdoc IAdMarket
    function claimBatch(
        address[] calldata accounts,
        uint256[] calldata cumulatives,
        bytes32[][] calldata proofs
    ) external {
        if (accounts.length != cumulatives.length) {
            revert LengthMismatch(accounts.length, cumulatives.length);
        }
        if (accounts.length != proofs.length) revert LengthMismatch(accounts.length, proofs.length);
        for (uint256 i; i < accounts.length; ++i) {
            _claim(accounts[i], cumulatives[i], proofs[i]);
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAdMarket
    function getCampaign(uint256 campaignId) external view returns (Campaign memory) {
        return _campaigns[campaignId];
    }

    /// @inheritdoc IAdMarket
    function getEpoch(uint256 epochId) external view returns (Epoch memory e) {
        uint256 last = _queue.lastEpochId;
        if (epochId != 0 && epochId <= last && last - epochId <= MAX_PENDING) {
            e = _epochs[epochId % (MAX_PENDING + 1)];
            if (e.spendHash == NO_SPEND) e.spendHash = bytes32(0);
        }
    }

    /// @notice Highest epoch id used so far (vetoed ones included); the next post is this plus one.
    function lastEpochId() external view returns (uint256) {
        return _queue.lastEpochId;
    }

    /// @notice Newest non-vetoed epoch: what the next one builds on.
    function goodEpochId() external view returns (uint256) {
        return _queue.goodEpochId;
    }

    /// @notice Total of the newest non-vetoed epoch = sum of all campaigns' posted spend.
    function settledTotal() external view returns (uint256) {
        (uint256 total,,) = _entryOf(_queue.goodEpochId);
        return total;
    }

    /// @notice Cutoff of the newest non-vetoed epoch; the next one's may not be earlier.
    function lastCutoff() external view returns (uint256) {
        (, uint256 cutoff,) = _entryOf(_queue.goodEpochId);
        return cutoff;
    }

    /// @notice Delay between posting an epoch and anyone being able to activate it.
    function challengePeriod() external view returns (uint256) {
        return _queue.period;
    }

    /// @notice Epoch whose root is active (0 before the first activation).
    function activeEpochId() external view returns (uint256) {
        return _queue.activeEpochId;
    }

    /// @notice Cutoff of the active epoch: every click credited before it is claimable.
    function activeCutoff() external view returns (uint256) {
        return _queue.activeCutoff;
    }

    /// @notice The vetoed epoch whose spend changes must be undone next (0: none).
    function undoEpochId() external view returns (uint256) {
        return _building.undoTop;
    }

    /// @inheritdoc IAdMarket
    function split() external view returns (uint16 viewerBps, uint16 ownerBps, uint16 protocolBps) {
        Split memory s = _split;
        return (s.viewerBps, s.ownerBps, s.protocolBps);
    }

    // ------------------------------------------------------------------ admin

    /// @inheritdoc IAdMarket
    function setSplit(uint16 viewerBps, uint16 ownerBps, uint16 protocolBps)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (uint256(viewerBps) + ownerBps + protocolBps != 10_000 || viewerBps < 4000 || protocolBps > 2000) {
            revert InvalidSplit(viewerBps, ownerBps, protocolBps);
        }
        _split = Split(viewerBps, ownerBps, protocolBps);
        emit SplitUpdated(viewerBps, ownerBps, protocolBps);
    }

    /// @inheritdoc IAdMarket
    function setMinCpc(uint256 minCpc_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        minCpc = minCpc_;
        emit MinCpcUpdated(minCpc_);
    }

    /// @inheritdoc IAdMarket
    function setChallengePeriod(uint256 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkChallengePeriod(period);
        uint256 current = _queue.period;
        if (period >= current) {
            _queue.period = uint32(period);
            _scheduledPeriod = 0;
            _periodReadyAt = 0;
            emit ChallengePeriodUpdated(period);
        } else {
            // A shorter window must not catch the guardian off guard: it waits one current window.
            uint256 readyAt = block.timestamp + current;
            _scheduledPeriod = period;
            _periodReadyAt = readyAt;
            emit ChallengePeriodScheduled(period, readyAt);
        }
    }

    /// @inheritdoc IAdMarket
    function applyChallengePeriod() external {
        uint256 readyAt = _periodReadyAt;
        if (readyAt == 0 || block.timestamp < readyAt) revert ChallengePeriodNotDue(readyAt);
        uint256 period = _scheduledPeriod;
        _queue.period = uint32(period);
        _scheduledPeriod = 0;
        _periodReadyAt = 0;
        emit ChallengePeriodUpdated(period);
    }

    /// @inheritdoc IAdMarket
    function scheduleRoleGrant(bytes32 role, address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (role != SETTLER_ROLE && role != GUARDIAN_ROLE) revert RoleNotDelayed(role);
        if (account == address(0)) revert ZeroAddress();
        _grantScheduledAt[role][account] = block.timestamp;
        emit RoleGrantScheduled(role, account, block.timestamp + _queue.period);
    }

    /// @notice Grants `role`; the settler and guardian roles only a full (current) challenge period
    /// after `scheduleRoleGrant`, so a new settler's first epoch meets a guardian that saw it coming.
    function grantRole(bytes32 role, address account) public override(AccessControlDefaultAdminRules) {
        if (role == SETTLER_ROLE || role == GUARDIAN_ROLE) {
            uint256 at = _grantScheduledAt[role][account];
            uint256 readyAt = at + _queue.period;
            if (at == 0 || block.timestamp < readyAt) {
                revert RoleGrantNotReady(role, account, at == 0 ? 0 : readyAt);
            }
            delete _grantScheduledAt[role][account];
        }
        super.grantRole(role, account);
    }

    /// @inheritdoc IAdMarket
    function scheduleRoleRevoke(bytes32 role, address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (role != GUARDIAN_ROLE) revert RoleNotDelayed(role);
        _revokeScheduledAt[account] = block.timestamp;
        emit RoleRevokeScheduled(role, account, block.timestamp + _queue.period);
    }

    /// @notice Revokes `role`; the guardian role only a full (current) challenge period after
    /// `scheduleRoleRevoke`. The former guardian may still veto the epochs posted before.
    function revokeRole(bytes32 role, address account) public override(AccessControlDefaultAdminRules) {
        if (role == GUARDIAN_ROLE) {
            uint256 at = _revokeScheduledAt[account];
            uint256 readyAt = at + _queue.period;
            if (at == 0 || block.timestamp < readyAt) {
                revert RoleRevokeNotReady(role, account, at == 0 ? 0 : readyAt);
            }
            delete _revokeScheduledAt[account];
            if (hasRole(role, account)) _vetoUpTo[account] = _queue.lastEpochId;
        }
        super.revokeRole(role, account);
    }

    /// @inheritdoc IAdMarket
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasuryUpdated(treasury_);
    }

    // ------------------------------------------------------------------ internal

    function _createCampaign(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets
    ) internal returns (uint256 campaignId) {
        if (cpc < minCpc) revert CpcTooLow(cpc, minCpc);
        if (budget < cpc || budget == 0 || budget > type(uint112).max) revert BudgetTooLow(budget, cpc);
        if (end <= start || end <= block.timestamp) revert InvalidWindow(start, end);
        uint256 n = targets.length;
        if (n == 0 || n > MAX_TARGETS) revert InvalidTargetCount(n, MAX_TARGETS);
        for (uint256 i; i < n; ++i) {
            if (!H3.isValidCell(targets[i], H3.PLOT_RESOLUTION)) revert InvalidTarget(targets[i]);
        }

        campaignId = ++campaignCount;
        _campaigns[campaignId] = Campaign({
            advertiser: msg.sender,
            start: start,
            end: end,
            paused: false,
            withdrawn: false,
            budget: uint112(budget),
            spent: 0,
            spentEpoch: 0,
            cpc: uint128(cpc),
            targetsHash: keccak256(abi.encodePacked(targets))
        });
        emit CampaignCreated(campaignId, msg.sender, budget, cpc, start, end, creativeURI, targets);
        hxa.safeTransferFrom(msg.sender, address(this), budget);
    }

    /// @dev Settling or posting `epochId` needs it to be the next id and no undo outstanding.
    function _checkNext(uint256 epochId, Building memory b, Queue memory q) internal pure {
        if (b.undoTop != 0) revert UndoPending(b.undoTop);
        uint256 next = uint256(q.lastEpochId) + 1;
        if (epochId != next) revert UnexpectedEpoch(epochId, next);
        // The ring must not overwrite an epoch that may still activate (nor the active one).
        if (epochId - q.activeEpochId > MAX_PENDING) revert TooManyPending(epochId, q.activeEpochId);
    }

    /// @dev Total, cutoff and activation time of epoch `epochId` (zeros for 0, before any epoch). Only
    /// called for the newest non-vetoed epoch, which is never below the active one, so still in the ring.
    function _entryOf(uint256 epochId)
        internal
        view
        returns (uint256 total, uint40 cutoff, uint40 activatesAt)
    {
        if (epochId == 0) return (0, 0, 0);
        Epoch storage e = _epochs[epochId % (MAX_PENDING + 1)];
        return (e.total, e.cutoff, e.activatesAt);
    }

    /// @dev Sets each campaign's cumulative spend for `epochId`, extending the rolling spend hash `h`;
    /// returns the spend added.
    function _settleSpend(
        uint256 epochId,
        uint256[] calldata campaignIds,
        uint256[] calldata cumulativeSpend,
        bytes32 h
    ) internal returns (uint256 added, bytes32) {
        uint256 n = campaignIds.length;
        if (n != cumulativeSpend.length) revert LengthMismatch(n, cumulativeSpend.length);
        for (uint256 i; i < n; ++i) {
            uint256 id = campaignIds[i];
            uint256 cumulative = cumulativeSpend[i];
            Campaign storage c = _campaigns[id];
            uint256 budget = c.budget;
            // Every created campaign has a budget unless withdrawn with nothing spent: only then is
            // the campaign count (a cold slot) read.
            if (budget == 0 && (id == 0 || id > campaignCount)) revert UnknownCampaign(id);
            uint256 spent = c.spent;
            uint256 spentEpoch = c.spentEpoch;
            // Spend is cumulative: it may only grow (so a re-sent chunk adds nothing) and never past the budget.
            if (cumulative < spent) revert SpendDecreased(id, spent, cumulative);
            if (cumulative > budget) {
                // Only read on failure: a withdrawn campaign's budget is its spend, so any raise lands here.
                if (c.withdrawn) revert CampaignClosed(id);
                revert CampaignBudgetExceeded(id, cumulative, budget);
            }
            added += cumulative - spent;
            c.spent = uint112(cumulative);
            c.spentEpoch = uint32(epochId);
            h = keccak256(abi.encode(h, id, spent, spentEpoch, cumulative));
            emit CampaignSpendSettled(id, epochId, cumulative, spent, spentEpoch);
        }
        return (added, h);
    }

    /// @dev The pending (posted, not vetoed) epoch `epochId` above the active one, or a revert.
    function _pendingEpoch(uint256 epochId, Queue memory q) internal view returns (Epoch storage e) {
        uint256 last = q.lastEpochId;
        if (epochId <= q.activeEpochId || epochId > last || last - epochId > MAX_PENDING) {
            revert NoPendingEpoch(epochId);
        }
        e = _epochs[epochId % (MAX_PENDING + 1)];
        if (e.status != EpochStatus.Pending) revert NoPendingEpoch(epochId);
    }

    /// @dev Highest vetoed epoch from `top` down to `floor` with spend changes left to undo, or 0.
    function _nextToUndo(uint256 top, uint256 floor) internal view returns (uint256) {
        for (uint256 id = top; id >= floor && id != 0; --id) {
            if (uint256(_epochs[id % (MAX_PENDING + 1)].spendHash) > uint256(NO_SPEND)) return id;
        }
        return 0;
    }

    /// @dev Makes `root` the claimable one; the caller stores `q`.
    function _activate(Queue memory q, uint256 epochId, bytes32 root, uint256 total, uint40 cutoff) internal {
        activeRoot = root;
        activeTotal = uint128(total);
        q.activeEpochId = uint32(epochId);
        q.activeCutoff = cutoff;
        emit EpochActivated(epochId, root);
    }

    /// @dev `h`, or NO_SPEND for the empty hash.
    function _orNoSpend(bytes32 h) internal pure returns (bytes32) {
        return h == bytes32(0) ? NO_SPEND : h;
    }

    function _checkChallengePeriod(uint256 period) internal view {
        if (period > MAX_CHALLENGE_PERIOD) revert ChallengePeriodTooLong(period, MAX_CHALLENGE_PERIOD);
        if (block.chainid != DEV_CHAIN_ID && period < MIN_CHALLENGE_PERIOD) {
            revert ChallengePeriodTooShort(period, MIN_CHALLENGE_PERIOD);
        }
    }

    function _claim(address account, uint256 cumulative, bytes32[] calldata proof) internal {
        // StandardMerkleTree leaf: double-hashed so a leaf can never be read as an inner node.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))));
        if (!MerkleProof.verifyCalldata(proof, activeRoot, leaf)) revert InvalidProof(account, cumulative);
        uint256 already = claimed[account];
        if (cumulative <= already) revert NothingToClaim(account, cumulative, already);
        uint256 amount = cumulative - already;
        // A root is trusted only so far: if one moved earnings between accounts (an account keeps what
        // it claimed under an earlier root), claims still never pay out more than activated spend.
        uint256 claimedTotal = totalClaimed + amount;
        if (claimedTotal > activeTotal) revert ClaimsExceedSettled(account, claimedTotal, activeTotal);
        totalClaimed = uint128(claimedTotal);
        claimed[account] = cumulative;
        emit Claimed(account, amount, cumulative);
        hxa.safeTransfer(account, amount);
    }
}
