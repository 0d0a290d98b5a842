// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
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
/// cumulative earnings, plus each touched campaign's cumulative spend. Accounts claim the difference
/// between their cumulative earnings and what they already claimed.
/// @dev Conservation: settledTotal only grows by exactly the spend settled in an epoch, spend never
/// exceeds budget, and the sum of all claims never exceeds settledTotal (whatever a root says), so
/// the escrow always covers unspent budgets plus settled-but-unclaimed earnings.
contract AdMarket is IAdMarket, AccessControl {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------ storage

    /// @notice May post epochs.
    bytes32 public constant SETTLER_ROLE = keccak256("SETTLER_ROLE");
    /// @notice May veto a pending epoch during its challenge period.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Most targets one campaign may list.
    uint256 public constant MAX_TARGETS = 256;
    /// @notice Longest challenge period the admin may set.
    uint256 public constant MAX_CHALLENGE_PERIOD = 7 days;

    /// @notice The token budgets and earnings are paid in.
    IERC20 public immutable hxa;
    /// @notice Receives the protocol's share (it claims like any account) and is the admin's payee.
    address public treasury;
    /// @notice Lowest cpc a new campaign may set.
    uint256 public minCpc;
    /// @notice Delay between posting an epoch and its root becoming claimable.
    uint256 public challengePeriod;
    /// @dev Current click split.
    Split internal _split;

    /// @notice Number of campaigns created; ids run from 1 to campaignCount.
    uint256 public campaignCount;
    /// @dev Campaign state by id.
    mapping(uint256 campaignId => Campaign) internal _campaigns;

    /// @notice Sum of all spend ever settled = sum of all cumulative earnings in the latest root.
    uint128 public settledTotal;
    /// @notice Sum of all claims ever paid; never above settledTotal. Shares settledTotal's slot, so a
    /// claim reads and writes one warm slot.
    uint128 public totalClaimed;
    /// @notice Id of the last posted epoch (0 before the first).
    uint256 public lastEpochId;
    /// @notice Cutoff of the last posted epoch: every click credited before it is settled.
    uint256 public lastCutoff;
    /// @dev Spend settled so far (by settleSpend chunks) for epoch lastEpochId + 1.
    uint256 internal _nextEpochSpend;
    /// @notice Root accounts claim against.
    bytes32 public activeRoot;
    /// @notice Epoch whose root is active.
    uint256 public activeEpochId;
    /// @notice Root waiting for its challenge period to end (zero when none).
    bytes32 public pendingRoot;
    /// @notice Epoch whose root is pending.
    uint256 public pendingEpochId;
    /// @notice When the pending root may be activated.
    uint256 public pendingActivatesAt;
    /// @notice Cumulative amount each account has claimed.
    mapping(address account => uint256 amount) public claimed;

    // ------------------------------------------------------------------ constructor

    /// @param hxa_ Token of budgets and earnings.
    /// @param admin Holder of DEFAULT_ADMIN_ROLE.
    /// @param treasury_ Protocol treasury.
    /// @param settler Holder of SETTLER_ROLE (the indexer's settlement key).
    /// @param guardian Holder of GUARDIAN_ROLE.
    /// @param minCpc_ Initial minimum cpc.
    /// @param challengePeriod_ Initial challenge period (0 on a dev chain).
    constructor(
        IERC20 hxa_,
        address admin,
        address treasury_,
        address settler,
        address guardian,
        uint256 minCpc_,
        uint256 challengePeriod_
    ) {
        if (
            address(hxa_) == address(0) || admin == address(0) || treasury_ == address(0)
                || settler == address(0) || guardian == address(0)
        ) revert ZeroAddress();
        if (challengePeriod_ > MAX_CHALLENGE_PERIOD) {
            revert ChallengePeriodTooLong(challengePeriod_, MAX_CHALLENGE_PERIOD);
        }
        hxa = hxa_;
        treasury = treasury_;
        minCpc = minCpc_;
        challengePeriod = challengePeriod_;
        _split = Split(6000, 3000, 1000);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
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
        c.budget = uint128(budget);
        if (budget > type(uint128).max) revert BudgetTooLow(amount, c.cpc);
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
    function withdrawUnspent(uint256 campaignId) external {
        Campaign storage c = _own(campaignId);
        if (c.withdrawn) revert AlreadyWithdrawn(campaignId);
        // Clicks made before the end are paid first: an epoch must have settled up to the end.
        if (block.timestamp < c.end || lastCutoff < c.end) {
            revert WithdrawTooEarly(campaignId, c.end, lastCutoff);
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
        _settleSpend(epochId, campaignIds, cumulativeSpend);
    }

    /// @inheritdoc IAdMarket
    function postEpoch(
        uint256 epochId,
        bytes32 root,
        uint256 total,
        uint40 cutoff,
        uint256[] calldata campaignIds,
        uint256[] calldata cumulativeSpend
    ) external onlyRole(SETTLER_ROLE) {
        if (root == bytes32(0)) revert ZeroRoot();
        if (cutoff > block.timestamp || cutoff < lastCutoff) revert InvalidCutoff(cutoff, lastCutoff);
        _settleSpend(epochId, campaignIds, cumulativeSpend);
        // The new root must distribute exactly what campaigns have spent in total: no more, no less.
        uint256 expected = settledTotal + _nextEpochSpend;
        if (total != expected) revert TotalMismatch(total, expected);

        settledTotal = SafeCast.toUint128(total);
        _nextEpochSpend = 0;
        lastEpochId = epochId;
        lastCutoff = cutoff;
        uint40 activatesAt = uint40(block.timestamp + challengePeriod);
        emit EpochPosted(epochId, root, total, cutoff, activatesAt);
        if (challengePeriod == 0) {
            _activate(epochId, root);
        } else {
            // Roots are cumulative, so a newer epoch simply replaces one still waiting.
            pendingRoot = root;
            pendingEpochId = epochId;
            pendingActivatesAt = activatesAt;
        }
    }

    /// @inheritdoc IAdMarket
    function activateEpoch(uint256 epochId) external {
        if (pendingRoot == bytes32(0) || pendingEpochId != epochId) revert NoPendingEpoch(epochId);
        if (block.timestamp < pendingActivatesAt) revert ChallengePeriodActive(epochId, pendingActivatesAt);
        bytes32 root = pendingRoot;
        _clearPending();
        _activate(epochId, root);
    }

    /// @inheritdoc IAdMarket
    function vetoEpoch(uint256 epochId) external onlyRole(GUARDIAN_ROLE) {
        if (pendingRoot == bytes32(0) || pendingEpochId != epochId) revert NoPendingEpoch(epochId);
        bytes32 root = pendingRoot;
        _clearPending();
        emit EpochVetoed(epochId, root);
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
        if (period > MAX_CHALLENGE_PERIOD) revert ChallengePeriodTooLong(period, MAX_CHALLENGE_PERIOD);
        challengePeriod = period;
        emit ChallengePeriodUpdated(period);
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
        if (budget < cpc || budget == 0 || budget > type(uint128).max) revert BudgetTooLow(budget, cpc);
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
            budget: uint128(budget),
            spent: 0,
            cpc: uint128(cpc),
            targetsHash: keccak256(abi.encodePacked(targets))
        });
        emit CampaignCreated(campaignId, msg.sender, budget, cpc, start, end, creativeURI, targets);
        hxa.safeTransferFrom(msg.sender, address(this), budget);
    }

    function _settleSpend(uint256 epochId, uint256[] calldata campaignIds, uint256[] calldata cumulativeSpend)
        internal
    {
        if (epochId != lastEpochId + 1) revert UnexpectedEpoch(epochId, lastEpochId + 1);
        uint256 n = campaignIds.length;
        if (n != cumulativeSpend.length) revert LengthMismatch(n, cumulativeSpend.length);
        uint256 added;
        for (uint256 i; i < n; ++i) {
            uint256 id = campaignIds[i];
            uint256 cumulative = cumulativeSpend[i];
            Campaign storage c = _campaigns[id];
            if (c.advertiser == address(0)) revert UnknownCampaign(id);
            // Spend is cumulative: it may only grow (so a re-sent chunk adds nothing) and never past the budget.
            if (cumulative < c.spent) revert SpendDecreased(id, c.spent, cumulative);
            if (cumulative > c.budget) revert CampaignBudgetExceeded(id, cumulative, c.budget);
            added += cumulative - c.spent;
            c.spent = uint128(cumulative);
            emit CampaignSpendSettled(id, epochId, cumulative);
        }
        _nextEpochSpend += added;
    }

    function _activate(uint256 epochId, bytes32 root) internal {
        activeRoot = root;
        activeEpochId = epochId;
        emit EpochActivated(epochId, root);
    }

    function _clearPending() internal {
        pendingRoot = bytes32(0);
        pendingEpochId = 0;
        pendingActivatesAt = 0;
    }

    function _claim(address account, uint256 cumulative, bytes32[] calldata proof) internal {
        // StandardMerkleTree leaf: double-hashed so a leaf can never be read as an inner node.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))));
        if (!MerkleProof.verifyCalldata(proof, activeRoot, leaf)) revert InvalidProof(account, cumulative);
        uint256 already = claimed[account];
        if (cumulative <= already) revert NothingToClaim(account, cumulative, already);
        uint256 amount = cumulative - already;
        // A root is trusted only so far: if one moved earnings between accounts (an account keeps what
        // it claimed under an earlier root), claims still never pay out more than campaigns spent.
        uint256 claimedTotal = totalClaimed + amount;
        if (claimedTotal > settledTotal) revert ClaimsExceedSettled(account, claimedTotal, settledTotal);
        totalClaimed = uint128(claimedTotal);
        claimed[account] = cumulative;
        emit Claimed(account, amount, cumulative);
        hxa.safeTransfer(account, amount);
    }
}
